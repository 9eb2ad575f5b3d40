package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Shared fixture of the adversarial security suites: on the account fixture (one server, its main
 * account), users of each role, API clients, devices with their keys, and a gateway with edges.
 */
abstract class SecurityItBase extends AccountsItBase {
    /** A profile IS-A ConnectedDevice with a public number property {@code level}. */
    static String sensor;
    /** A profile IS-A Gateway with the same property. */
    static String gatewayProfile;

    @BeforeAll
    static void profiles() {
        sensor = profileWithLevel(admin, "/v3", "ConnectedDevice");
        gatewayProfile = profileWithLevel(admin, "/v3", "Gateway");
    }

    /** A profile of the account at {@code prefix} with a public number property {@code level}; its name. */
    static String profileWithLevel(Http as, String prefix, String base) {
        return Fixtures.newProfile(
                as, prefix, base, Map.of("name", "level", "type", "number", "access", "public", "publish", "never"));
    }

    static Map<String, Object> context(String type, String... ids) {
        return Map.of("type", type, "ids", List.of(ids));
    }

    static Http user(String prefix, String role) {
        return admin.as(Fixtures.userKey(admin, prefix, role));
    }

    static Http user(String role) {
        return user("/v3", role);
    }

    /** An API client whose key context is a device cannot be granted {@code scope}: 400 ValidationFailed. */
    static void assertNotGrantedInDeviceContext(String scope, JsonNode device) {
        ApiAssert.error(
                admin.post(
                        "/v3/apiclients",
                        Map.of("name", unique("c"), "context", context("device", id(device)), "scope", List.of(scope))),
                400,
                "ValidationFailed");
    }

    static Http clientKey(Map<String, Object> context, String... scope) {
        return admin.as(
                Fixtures.apiClient(admin, "/v3", context, List.of(scope)).get("apikey"));
    }

    /** A new device of the main account, of the profile with {@code level}. */
    static JsonNode device() {
        return Fixtures.device(admin, "/v3", sensor);
    }

    /** The device's key, read by the main admin through the device's own account. */
    static JsonNode keyOf(JsonNode device) {
        return Fixtures.apikey(admin, "/v3/accounts/" + device.get("accountId").asText(), id(device));
    }

    static Http deviceKey(JsonNode device) {
        return admin.as(keyOf(device));
    }

    static Http.Resp writeLevel(Http as, String deviceRef, int value) {
        return as.post(
                "/v3/data/devices/" + deviceRef + "/properties/level", Map.of("dps", List.of(Map.of("v", value))));
    }

    /**
     * Keys that hold no {@code feature:*} scope: the device's, a gateway's and an API client's with
     * {@code clientScopes}, each made when the test asks for it, with the part of the refusal that
     * names the scope (an API client's names it quoted).
     */
    static Stream<Arguments> keysWithoutScopesOf(String feature, JsonNode device, String... clientScopes) {
        Supplier<Http> own = () -> deviceKey(device);
        Supplier<Http> gateway = () -> Gateway.create().key();
        Supplier<Http> client = () -> clientKey(context("account", mainId), clientScopes);
        return Stream.of(
                Arguments.of(Named.of("device key", own), feature + ":"),
                Arguments.of(Named.of("gateway key", gateway), feature + ":"),
                Arguments.of(Named.of("API client with other scopes", client), "'" + feature + ":"));
    }

    /** A gateway whose key lists itself and {@code edge}; {@code other} is a device of the same account it does not list. */
    record Gateway(JsonNode gw, JsonNode edge, JsonNode other) {
        static Gateway create() {
            JsonNode gw = Fixtures.device(admin, "/v3", gatewayProfile);
            JsonNode edge = device();
            Fixtures.gatewayKey(admin, "/v3", id(gw), id(edge));
            return new Gateway(gw, edge, device());
        }

        Http key() {
            return deviceKey(gw);
        }
    }

    /** 200 with the key's every field, its secret null. */
    static JsonNode assertSecretHidden(Http.Resp r) {
        JsonNode key = body(r);
        assertThat(key.has("secret")).as(r.raw()).isTrue();
        assertThat(key.get("secret").isNull()).as(r.raw()).isTrue();
        assertThat(key.get("id").asText()).startsWith("_key_");
        return key;
    }

    static JsonNode assertSecretShown(Http.Resp r) {
        JsonNode key = body(r);
        assertThat(key.path("secret").asText()).as(r.raw()).matches("[0-9a-f]{32}");
        return key;
    }
}
