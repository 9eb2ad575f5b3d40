package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;
import static io.thingstead.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

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
        String name = unique("Prof");
        body(as.post(prefix + "/deviceprofiles", Map.of("name", name, "baseProfile", base)));
        body(as.post(
                prefix + "/deviceprofiles/" + name + "/properties",
                Map.of("name", "level", "type", "number", "access", "public", "publish", "never")));
        return name;
    }

    static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    static Map<String, Object> context(String type, String... ids) {
        return Map.of("type", type, "ids", List.of(ids));
    }

    /** The key of a new user of the account at {@code prefix} (made by the main admin); its ownerId is the user. */
    static JsonNode userKey(String prefix, String role) {
        JsonNode u = body(admin.post(prefix + "/users", Map.of("email", uniqueEmail(role), "role", role)));
        return body(admin.get(prefix + "/users/" + id(u) + "/apikey"));
    }

    static Http user(String prefix, String role) {
        return admin.as(userKey(prefix, role));
    }

    static Http user(String role) {
        return user("/v3", role);
    }

    /** A new API client made by {@code as}; the response, with its {@code apikey}. */
    static JsonNode client(Http as, String prefix, Map<String, Object> context, List<String> scope) {
        return body(
                as.post(prefix + "/apiclients", Map.of("name", unique("client"), "context", context, "scope", scope)));
    }

    static Http clientKey(Map<String, Object> context, String... scope) {
        return admin.as(client(admin, "/v3", context, List.of(scope)).get("apikey"));
    }

    /** A new device of the main account, of the profile with {@code level}. */
    static JsonNode device() {
        return device("/v3", sensor);
    }

    static JsonNode device(String prefix, String profile) {
        return body(admin.post(prefix + "/devices", Map.of("name", unique("dev"), "profile", profile)));
    }

    /** The device's key, read by the main admin through the device's own account. */
    static JsonNode keyOf(JsonNode device) {
        return body(
                admin.get("/v3/accounts/" + device.get("accountId").asText() + "/devices/" + id(device) + "/apikey"));
    }

    static Http deviceKey(JsonNode device) {
        return admin.as(keyOf(device));
    }

    static Http.Resp writeLevel(Http as, String deviceRef, int value) {
        return as.post(
                "/v3/data/devices/" + deviceRef + "/properties/level", Map.of("dps", List.of(Map.of("v", value))));
    }

    /** A gateway whose key lists itself and {@code edge}; {@code other} is a device of the same account it does not list. */
    record Gateway(JsonNode gw, JsonNode edge, JsonNode other) {
        static Gateway create() {
            JsonNode gw = device("/v3", gatewayProfile);
            JsonNode edge = device();
            body(admin.put(
                    "/v3/devices/" + id(gw) + "/apikey", Map.of("context", context("device", id(gw), id(edge)))));
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
