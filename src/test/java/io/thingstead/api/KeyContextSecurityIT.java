package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** A key never reads, grants or changes more than its own context and scopes. */
class KeyContextSecurityIT extends SecurityItBase {
    /** Every scope a device key carries. */
    static final String[] DEVICE_SCOPES = {
        "device:read", "device:read-data", "device:write-data", "device:execute", "device:modify"
    };

    @Test
    void deviceContextClient_cannotWidenTheGatewaysContext_withADeviceItDoesNotList() {
        Gateway g = Gateway.create();
        Http client = clientKey(context("device", id(g.gw())), DEVICE_SCOPES);
        JsonNode before = keyOf(g.gw());

        errorMessage(
                client.put(
                        "/v3/devices/" + id(g.gw()) + "/apikey",
                        Map.of("context", context("device", id(g.gw()), id(g.edge()), id(g.other())))),
                403,
                "Forbidden");

        assertThat(keyOf(g.gw())).isEqualTo(before);
        errorMessage(writeLevel(g.key(), id(g.other()), 1), 404, "ResourceNotFound");
    }

    @Test
    void deviceContextClient_holdingTheWholeGatewayKey_mayAddOnlyDevicesItLists() {
        Gateway g = Gateway.create();
        JsonNode extra = device();
        Http client = clientKey(context("device", id(g.gw()), id(g.edge()), id(extra)), DEVICE_SCOPES);

        String msg = errorMessage(
                client.put(
                        "/v3/devices/" + id(g.gw()) + "/apikey",
                        Map.of("context", context("device", id(g.gw()), id(g.other())))),
                403,
                "Forbidden");
        assertThat(msg).contains("context.ids[1]").contains(id(g.other()));

        JsonNode widened = body(client.put(
                "/v3/devices/" + id(g.gw()) + "/apikey",
                Map.of("context", context("device", id(g.gw()), id(g.edge()), id(extra)))));
        assertThat(widened.get("context").get("ids").toString()).contains(id(extra));
    }

    @Test
    void accountClient_withoutWriteData_cannotReadOrChangeADeviceKey() {
        JsonNode d = device();
        Http client =
                clientKey(context("account"), "device:read", "device:read-data", "device:modify", "apikey:regenerate");

        assertSecretHidden(client.get("/v3/devices/" + id(d) + "/apikey"));
        assertThat(errorMessage(client.post("/v3/devices/" + id(d) + "/apikey", null), 401, "MissingScope"))
                .contains("device:write-data");
        errorMessage(
                client.put("/v3/devices/" + id(d) + "/apikey", Map.of("scope", List.of("device:read"))),
                401,
                "MissingScope");
        assertThat(keyOf(d).get("scope")).hasSize(5);
    }

    @Test
    void deviceKeyScopes_areChangedOnlyWithinTheCallersScopes() {
        JsonNode d = device();
        Http power = user("power");

        JsonNode narrowed =
                body(power.put("/v3/devices/" + id(d) + "/apikey", Map.of("scope", List.of("device:read"))));
        assertThat(narrowed.get("scope").toString()).isEqualTo("[\"device:read\"]");
        Http reader = clientKey(context("device", id(d)), "device:read", "device:modify");
        assertThat(errorMessage(
                        reader.put(
                                "/v3/devices/" + id(d) + "/apikey",
                                Map.of("scope", List.of("device:read", "device:write-data"))),
                        401,
                        "MissingScope"))
                .contains("device:write-data");
    }

    @TestFactory
    Stream<DynamicTest> deviceSecret_isShownOnlyToKeysHoldingEveryRightOfIt() {
        JsonNode d = device();
        String path = "/v3/devices/" + id(d) + "/apikey";
        Map<String, Supplier<Http>> hidden = Map.of(
                "guest", () -> user("guest"),
                "user", () -> user("user"),
                "custom", () -> user("custom"),
                "device-context client reading", () -> clientKey(context("device", id(d)), "device:read"),
                "account client with device:modify",
                        () -> clientKey(context("account"), "device:read", "device:modify"),
                "another device's key", () -> deviceKey(device()));
        Map<String, Supplier<Http>> shown = Map.of(
                "admin", () -> admin,
                "power", () -> user("power"),
                "the device itself", () -> deviceKey(d));
        Stream<DynamicTest> h = hidden.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey() + " gets no secret", () -> {
                    Http.Resp r = e.getValue().get().get(path);
                    if (r.status() == 404) {
                        return; // a key that cannot see the device does not see its key either
                    }
                    assertSecretHidden(r);
                }));
        Stream<DynamicTest> s = shown.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(
                        e.getKey() + " reads the secret",
                        () -> assertSecretShown(e.getValue().get().get(path))));
        return Stream.concat(h, s);
    }

    @Test
    void gatewayKey_readsItsEdgesSecret_butNotOneOfAWiderGateway() {
        Gateway g = Gateway.create();
        assertSecretShown(g.key().get("/v3/devices/" + id(g.edge()) + "/apikey"));

        JsonNode inner = Fixtures.device(admin, "/v3", gatewayProfile);
        body(admin.put(
                "/v3/devices/" + id(inner) + "/apikey",
                Map.of("context", context("device", id(inner), id(g.other())))));
        body(admin.put(
                "/v3/devices/" + id(g.gw()) + "/apikey",
                Map.of("context", context("device", id(g.gw()), id(g.edge()), id(inner)))));
        assertSecretHidden(g.key().get("/v3/devices/" + id(inner) + "/apikey"));
    }

    @Test
    void clientCreation_grantsNoScopeAndNoIdTheCreatorLacks() {
        JsonNode d = device();
        Http reader = clientKey(context("account"), "apiclient:create", "device:read");

        assertThat(errorMessage(
                        reader.post(
                                "/v3/apiclients",
                                Map.of(
                                        "name",
                                        Fixtures.unique("c"),
                                        "context",
                                        context("device", id(d)),
                                        "scope",
                                        List.of("device:read", "device:write-data"))),
                        401,
                        "MissingScope"))
                .contains("scope[1]");
        assertThat(errorMessage(
                        reader.post(
                                "/v3/apiclients",
                                Map.of("name", Fixtures.unique("c"), "scope", List.of("device:execute-method"))),
                        401,
                        "MissingScope"))
                .contains("device:execute");
        JsonNode made = Fixtures.apiClient(reader, "/v3", context("device", id(d)), List.of("device:read"));
        assertThat(made.get("apikey").get("secret").asText()).matches("[0-9a-f]{32}");
        assertSecretShown(admin.get("/v3/apiclients/" + id(made) + "/apikey"));
    }

    @Test
    void accountContext_grantsOnlyAccountsTheGrantorReaches() {
        String sub = id(createSub(admin, Fixtures.unique("Sub")));
        String grand = id(body(admin.post("/v3/accounts/" + sub + "/accounts", Map.of("name", Fixtures.unique("G")))));
        Map<String, Object> subAndGrand = context("account", sub, grand);

        String msg = errorMessage(
                admin.post(
                        "/v3/accounts/" + sub + "/apiclients",
                        Map.of("name", Fixtures.unique("c"), "context", subAndGrand)),
                403,
                "Forbidden");
        assertThat(msg).contains("context.ids[1]").contains(grand);

        // a key listing the sub-account reaches its direct sub-accounts, and nothing above it
        Http subOnly = clientKey(context("account", sub), "apiclient:create", "apiclient:read", "device:read");
        body(subOnly.post("/v3/apiclients", Map.of("name", Fixtures.unique("c"), "context", subAndGrand)));
        errorMessage(
                subOnly.post("/v3/accounts/" + mainId + "/apiclients", Map.of("name", Fixtures.unique("c"))),
                404,
                "ResourceNotFound");
    }

    @Test
    void appContext_namesNoExistingApp_is400() {
        String msg = errorMessage(
                admin.post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                Fixtures.unique("app"),
                                "context",
                                context("app", "_app_123456789012345678"),
                                "scope",
                                List.of("device:read"))),
                400,
                "ValidationFailed");
        assertThat(msg).contains("context.ids[0]");
    }

    @Test
    void changingOrDeletingAClient_needsEveryRightOfItsKey() {
        JsonNode strong = Fixtures.apiClient(admin, "/v3", context("account"), List.of("user:create", "device:read"));
        Http power = user("power");

        assertSecretHidden(power.get("/v3/apiclients/" + id(strong) + "/apikey"));
        assertThat(errorMessage(
                        power.put("/v3/apiclients/" + id(strong) + "/apikey", Map.of("scope", List.of("device:read"))),
                        401,
                        "MissingScope"))
                .contains("user:create");
        errorMessage(
                power.put("/v3/apiclients/" + id(strong), Map.of("context", context("account"))), 401, "MissingScope");
        errorMessage(power.put("/v3/apiclients/" + id(strong), Map.of("locked", true)), 401, "MissingScope");
        errorMessage(power.delete("/v3/apiclients/" + id(strong)), 401, "MissingScope");
        JsonNode weak = Fixtures.apiClient(admin, "/v3", context("account"), List.of("device:read"));
        body(power.put("/v3/apiclients/" + id(weak), Map.of("description", "by power")));
        body(power.delete("/v3/apiclients/" + id(weak)));
        assertThat(body(admin.get("/v3/apiclients/" + id(strong) + "/apikey"))
                        .get("scope")
                        .toString())
                .contains("user:create");
    }
}
