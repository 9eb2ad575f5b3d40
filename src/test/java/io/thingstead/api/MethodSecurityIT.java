package io.thingstead.api;

import static io.thingstead.api.FeatureRoutes.assertMissingScope;
import static io.thingstead.api.MethodItSupport.method;
import static io.thingstead.api.MethodItSupport.names;
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
 * Methods under attack: keys of another account, device and gateway keys, keys without the
 * {@code method:*} scopes, sub-account admins; none reaches more than its context and scopes
 * (docs/methods.md: Who may).
 */
class MethodSecurityIT extends SecurityItBase {
    private static JsonNode dev;
    private static JsonNode onProfile;

    @BeforeAll
    static void methods() {
        dev = device();
        onProfile = body(admin.post("/v3/deviceprofiles/" + sensor + "/methods", method(unique("m"), "public")));
    }

    /** Every method route on the main account's entities, as method and path. */
    private static FeatureRoutes routes() {
        String d = id(dev);
        String m = id(onProfile);
        return new FeatureRoutes(
                List.of(
                        new String[] {"GET", "/v3/methods"},
                        new String[] {"GET", "/v3/methods/" + m},
                        new String[] {"PUT", "/v3/methods/" + m},
                        new String[] {"DELETE", "/v3/methods/" + m},
                        new String[] {"POST", "/v3/methods?owner=" + sensor},
                        new String[] {"GET", "/v3/deviceprofiles/" + sensor + "/methods"},
                        new String[] {"POST", "/v3/deviceprofiles/" + sensor + "/methods"},
                        new String[] {"GET", "/v3/deviceprofiles/" + sensor + "/methods/" + m},
                        new String[] {"PUT", "/v3/deviceprofiles/" + sensor + "/methods/" + m},
                        new String[] {"DELETE", "/v3/deviceprofiles/" + sensor + "/methods/" + m},
                        new String[] {"GET", "/v3/devices/" + d + "/methods"},
                        new String[] {"GET", "/v3/devices/_this_/methods"},
                        new String[] {"GET", "/v3/devices/" + d + "/methods/" + m},
                        new String[] {"PUT", "/v3/devices/" + d + "/methods/" + m}),
                MethodSecurityIT::bodyOf);
    }

    private static Object bodyOf(String[] route) {
        if (route[0].equals("POST")) {
            return method(unique("x"), "public");
        } else if (route[0].equals("PUT")) {
            return route[1].startsWith("/v3/devices/") ? Map.of("disabled", true) : Map.of("access", "private");
        }
        return null;
    }

    private static void assertUntouched() {
        assertThat(body(admin.get("/v3/methods/" + id(onProfile)))).isEqualTo(onProfile);
        assertThat(body(admin.get("/v3/devices/" + id(dev) + "/methods/" + id(onProfile)))
                        .get("disabled")
                        .asBoolean())
                .isFalse();
    }

    static Stream<Arguments> keysWithoutMethodScopes() {
        return keysWithoutScopesOf(
                "method", dev, "device:read", "device:execute", "deviceprofile:read", "deviceprofile:modify");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keysWithoutMethodScopes")
    void keyWithoutMethodScopes_reachesNoMethodRoute_evenOfItsOwnDevice(Supplier<Http> key, String named) {
        routes().assertEachMissingScope(key.get(), named);
        assertUntouched();
    }

    @Test
    void eachMethodScope_allowsItsOwnAction_only() {
        Http reader = clientKey(context("account", mainId), "method:read");
        body(reader.get("/v3/methods/" + id(onProfile)));
        assertThat(names(body(reader.get("/v3/devices/" + id(dev) + "/methods"))))
                .contains(onProfile.get("name").asText());
        assertMissingScope(
                reader.post("/v3/deviceprofiles/" + sensor + "/methods", method(unique("x"), "public")),
                "method:create");
        assertMissingScope(reader.put("/v3/methods/" + id(onProfile), Map.of("access", "private")), "method:modify");
        assertMissingScope(
                reader.put("/v3/devices/" + id(dev) + "/methods/" + id(onProfile), Map.of("disabled", true)),
                "method:modify");
        assertMissingScope(reader.delete("/v3/methods/" + id(onProfile)), "method:delete");
        Http creator = clientKey(context("account", mainId), "method:create");
        JsonNode made = body(creator.post("/v3/deviceprofiles/" + sensor + "/methods", method(unique("x"), "public")));
        errorMessage(creator.get("/v3/methods/" + id(made)), 401, "MissingScope");
        body(clientKey(context("account", mainId), "method:delete").delete("/v3/methods/" + id(made)));
        assertUntouched();
    }

    @Test
    void methodScopes_areGrantedInAccountContextOnly() {
        for (String scope : List.of("method:read", "method:create", "method:modify", "method:delete")) {
            assertNotGrantedInDeviceContext(scope, dev);
        }
    }

    @Test
    void roles_guestAndUserRead_powerManages() {
        for (String role : List.of("guest", "user")) {
            Http as = user(role);
            body(as.get("/v3/methods/" + id(onProfile)));
            body(as.get("/v3/devices/" + id(dev) + "/methods"));
            errorMessage(
                    as.post("/v3/deviceprofiles/" + sensor + "/methods", method(unique("x"), "public")),
                    401,
                    "MissingScope");
            errorMessage(
                    as.put("/v3/devices/" + id(dev) + "/methods/" + id(onProfile), Map.of("disabled", true)),
                    401,
                    "MissingScope");
            errorMessage(as.delete("/v3/methods/" + id(onProfile)), 401, "MissingScope");
        }
        JsonNode made =
                body(user("power").post("/v3/deviceprofiles/" + sensor + "/methods", method(unique("p"), "public")));
        body(user("power").delete("/v3/methods/" + id(made)));
        assertUntouched();
    }

    @Test
    void anotherMastersKey_findsNothingOfThisAccount_byIdOrName() {
        Http stranger = admin.as(createMaster(unique("other")).get("apikey"));
        routes().assertNothingFound(stranger, "/v3/methods");
        assertThat(names(body(stranger.get("/v3/methods?pageSize=1000"))))
                .doesNotContain(onProfile.get("name").asText());
        assertThat(names(body(stranger.get("/v3/methods?owner=" + id(dev))))).isEmpty();
        errorMessage(stranger.get("/v3/accounts/" + mainId + "/methods/" + id(onProfile)), 404, "ResourceNotFound");
        JsonNode theirs = body(stranger.post("/v3/deviceprofiles/Device/methods", method(unique("t"), "public")));
        assertThat(names(body(admin.get("/v3/devices/" + id(dev) + "/methods"))))
                .doesNotContain(theirs.get("name").asText());
        errorMessage(admin.get("/v3/devices/" + id(dev) + "/methods/" + id(theirs)), 404, "ResourceNotFound");
        errorMessage(stranger.post("/v3/methods", Map.of("ownerId", sensor, "name", "x")), 400, "ValidationFailed");
        assertUntouched();
    }

    @Test
    void anotherAccountsProfileAndProperty_cannotBeNamedInABody() {
        Http stranger = admin.as(createMaster(unique("other")).get("apikey"));
        String sensorId = id(body(admin.get("/v3/deviceprofiles/" + sensor)));
        String level = id(body(admin.get("/v3/deviceprofiles/" + sensor + "/properties/level")));
        var body = method(unique("x"), "public");
        body.put("ownerId", sensorId);
        errorMessage(stranger.post("/v3/methods", body), 400, "ValidationFailed");
        String theirs = profileWithLevel(stranger, "/v3", "Device");
        var withInput = method(unique("x"), "public");
        withInput.put("inputId", level);
        assertThat(errorMessage(
                        stranger.post("/v3/deviceprofiles/" + theirs + "/methods", withInput), 400, "ValidationFailed"))
                .startsWith("'inputId'");
        assertUntouched();
    }

    @Test
    void subAccountAdmin_doesNotReachItsParentsMethods_butTheParentReachesTheSubAccounts() {
        JsonNode sub = createSubWithAdmin(admin, unique("sub"));
        String subId = id(sub);
        Http subAdmin = admin.as(sub.get("apikey"));
        errorMessage(subAdmin.get("/v3/methods/" + id(onProfile)), 404, "ResourceNotFound");
        errorMessage(subAdmin.get("/v3/accounts/" + mainId + "/methods"), 404, "ResourceNotFound");
        errorMessage(
                subAdmin.put("/v3/devices/" + id(dev) + "/methods/" + id(onProfile), Map.of("disabled", true)),
                404,
                "ResourceNotFound");
        JsonNode mine = body(subAdmin.post("/v3/deviceprofiles/Device/methods", method(unique("s"), "public")));
        assertThat(body(admin.get("/v3/accounts/" + subId + "/methods/" + id(mine))))
                .isEqualTo(mine);
        errorMessage(admin.get("/v3/methods/" + id(mine)), 404, "ResourceNotFound");
        assertThat(names(body(admin.get("/v3/deviceprofiles/Device/methods"))))
                .doesNotContain(mine.get("name").asText());
        assertUntouched();
    }
}
