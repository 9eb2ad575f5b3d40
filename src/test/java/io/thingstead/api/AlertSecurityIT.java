package io.thingstead.api;

import static io.thingstead.api.AlertItSupport.names;
import static io.thingstead.api.AlertItSupport.silentAlert;
import static io.thingstead.api.FeatureRoutes.assertMissingScope;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alerts under attack: keys of another account, device and gateway keys, keys without the
 * {@code alert:*} scopes; none reaches more than its context and scopes (docs/alerts.md: Who may).
 */
class AlertSecurityIT extends SecurityItBase {
    private static JsonNode dev;
    private static JsonNode onProfile;
    private static JsonNode onDevice;

    @BeforeAll
    static void alerts() {
        dev = device();
        onProfile =
                body(admin.post("/v3/deviceprofiles/" + sensor + "/alerts", AlertItSupport.levelAlert(unique("lvl"))));
        onDevice = body(admin.post("/v3/devices/" + id(dev) + "/alerts", AlertItSupport.levelAlert(unique("lvl"))));
    }

    /** Every alert route on the main account's entities, as method and path. */
    private static FeatureRoutes routes() {
        String d = id(dev);
        return new FeatureRoutes(
                List.of(
                        new String[] {"GET", "/v3/alerts"},
                        new String[] {"GET", "/v3/alerts/" + id(onProfile)},
                        new String[] {"PUT", "/v3/alerts/" + id(onProfile)},
                        new String[] {"DELETE", "/v3/alerts/" + id(onDevice)},
                        new String[] {"POST", "/v3/alerts?owner=" + d},
                        new String[] {"GET", "/v3/deviceprofiles/" + sensor + "/alerts"},
                        new String[] {"POST", "/v3/deviceprofiles/" + sensor + "/alerts"},
                        new String[] {"GET", "/v3/devices/" + d + "/alerts"},
                        new String[] {"GET", "/v3/devices/_this_/alerts"},
                        new String[] {"GET", "/v3/devices/" + d + "/alerts/" + id(onDevice)},
                        new String[] {"POST", "/v3/devices/" + d + "/alerts"},
                        new String[] {"PUT", "/v3/devices/" + d + "/alerts/" + id(onDevice)},
                        new String[] {"DELETE", "/v3/devices/" + d + "/alerts/" + id(onDevice)}),
                AlertSecurityIT::bodyOf);
    }

    private static Object bodyOf(String[] route) {
        return route[0].equals("POST") || route[0].equals("PUT") ? AlertItSupport.levelAlert(unique("x")) : null;
    }

    private static void assertUntouched() {
        assertThat(body(admin.get("/v3/alerts/" + id(onProfile)))).isEqualTo(onProfile);
        assertThat(body(admin.get("/v3/alerts/" + id(onDevice)))).isEqualTo(onDevice);
    }

    static Stream<Arguments> keysWithoutAlertScopes() {
        return keysWithoutScopesOf("alert", dev, "device:read", "deviceprofile:read", "deviceprofile:modify");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keysWithoutAlertScopes")
    void keyWithoutAlertScopes_reachesNoAlertRoute_evenOfItsOwnDevice(Supplier<Http> key, String named) {
        routes().assertEachMissingScope(key.get(), named);
        assertUntouched();
    }

    @Test
    void eachAlertScope_allowsItsOwnAction_only() {
        Http reader = clientKey(context("account", mainId), "alert:read");
        body(reader.get("/v3/alerts/" + id(onProfile)));
        assertThat(names(body(reader.get("/v3/devices/" + id(dev) + "/alerts"))))
                .contains(onProfile.get("name").asText(), onDevice.get("name").asText());
        assertMissingScope(
                reader.post("/v3/devices/" + id(dev) + "/alerts", AlertItSupport.levelAlert(unique("x"))),
                "alert:create");
        assertMissingScope(reader.put("/v3/alerts/" + id(onProfile), Map.of("status", "disabled")), "alert:modify");
        assertMissingScope(reader.delete("/v3/alerts/" + id(onProfile)), "alert:delete");
        Http creator = clientKey(context("account", mainId), "alert:create");
        body(creator.post("/v3/devices/" + id(dev) + "/alerts", AlertItSupport.levelAlert(unique("x"))));
        assertUntouched();
    }

    @Test
    void alertScopes_areGrantedInAccountContextOnly() {
        assertNotGrantedInDeviceContext("alert:read", dev);
    }

    @Test
    void roles_guestAndUserRead_powerManages() {
        for (String role : List.of("guest", "user")) {
            Http as = user(role);
            body(as.get("/v3/alerts/" + id(onProfile)));
            errorMessage(
                    as.post("/v3/deviceprofiles/" + sensor + "/alerts", AlertItSupport.levelAlert(unique("x"))),
                    401,
                    "MissingScope");
            errorMessage(as.delete("/v3/alerts/" + id(onProfile)), 401, "MissingScope");
        }
        JsonNode made = body(
                user("power").post("/v3/deviceprofiles/" + sensor + "/alerts", AlertItSupport.levelAlert(unique("p"))));
        body(user("power").delete("/v3/alerts/" + id(made)));
        assertUntouched();
    }

    @Test
    void anotherMastersKey_findsNothingOfThisAccount_byIdOrName() {
        Http stranger = admin.as(createMaster(unique("other")).get("apikey"));
        routes().assertNothingFound(stranger, "/v3/alerts");
        assertThat(names(body(stranger.get("/v3/alerts?pageSize=1000"))))
                .doesNotContain(
                        onProfile.get("name").asText(), onDevice.get("name").asText());
        assertThat(names(body(stranger.get("/v3/alerts?owner=" + id(dev))))).isEmpty();
        errorMessage(stranger.get("/v3/accounts/" + mainId + "/alerts/" + id(onProfile)), 404, "ResourceNotFound");
        assertUntouched();
    }

    @Test
    void subAccountAdmin_doesNotReachItsParentsAlerts_butTheParentReachesTheSubAccounts() {
        JsonNode sub = createSubWithAdmin(admin, unique("sub"));
        String subId = id(sub);
        Http subAdmin = admin.as(sub.get("apikey"));
        errorMessage(subAdmin.get("/v3/alerts/" + id(onProfile)), 404, "ResourceNotFound");
        errorMessage(subAdmin.get("/v3/accounts/" + mainId + "/alerts"), 404, "ResourceNotFound");
        JsonNode mine = body(subAdmin.post("/v3/deviceprofiles/Device/alerts", silentAlert(unique("s"))));
        assertThat(body(admin.get("/v3/accounts/" + subId + "/alerts/" + id(mine))))
                .isEqualTo(mine);
        errorMessage(admin.get("/v3/alerts/" + id(mine)), 404, "ResourceNotFound");
        assertThat(names(body(admin.get("/v3/deviceprofiles/Device/alerts"))))
                .doesNotContain(mine.get("name").asText());
    }
}
