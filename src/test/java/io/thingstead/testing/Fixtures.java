package io.thingstead.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place integration tests make what they need over the API: unique names, accounts,
 * profiles, properties, devices and their keys, users and API clients. Each call asserts its
 * response is a 200 ({@link ApiAssert#body}). {@code prefix} is {@code /v3} for the caller's own
 * account or {@code /v3/accounts/{id}} for one it reaches.
 */
public final class Fixtures {
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);

    private Fixtures() {}

    /** A name no other test of the run uses: the prefix, a dash and a counter. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    public static String uniqueEmail(String prefix) {
        return unique(prefix) + "@example.com";
    }

    /** The {@code id} of an entity. */
    public static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** A new sub-account of the caller's account; its id. */
    public static String subAccount(Http http) {
        return id(ApiAssert.body(http.post("/v3/accounts", Map.of("name", unique("acc")))));
    }

    /**
     * A device profile {@code name} inheriting {@code base} (null: the default base) with these
     * properties, each as {@link #property(Http, String, String, Object)} takes it; returns the profile.
     */
    public static JsonNode profile(Http http, String prefix, String name, String base, Object... properties) {
        ObjectNode body = Http.JSON.createObjectNode().put("name", name);
        if (base != null) {
            body.put("baseProfile", base);
        }
        JsonNode profile = ApiAssert.body(http.post(prefix + "/deviceprofiles", body));
        for (Object p : properties) {
            property(http, prefix, name, p);
        }
        return profile;
    }

    /** As {@link #profile(Http, String, String, String, Object...)} with a unique name; its name. */
    public static String newProfile(Http http, String prefix, String base, Object... properties) {
        String name = unique("Prof");
        profile(http, prefix, name, base, properties);
        return name;
    }

    /** Adds a property to a profile from a JSON literal (single quotes allowed); returns it. */
    public static JsonNode property(Http http, String profile, String json) {
        return property(http, "/v3", profile, json);
    }

    /** Adds a property to a profile; {@code body} is a JSON literal (single quotes allowed), a map or a node. */
    public static JsonNode property(Http http, String prefix, String profile, Object body) {
        Object json = body instanceof String s ? Http.json(s) : body;
        return ApiAssert.body(http.post(prefix + "/deviceprofiles/" + profile + "/properties", json));
    }

    /** Creates the device {@code body} describes; returns it. */
    public static JsonNode device(Http http, String prefix, ObjectNode body) {
        return ApiAssert.body(http.post(prefix + "/devices", body));
    }

    /** A new device of {@code profile} with a unique name; returns it. */
    public static JsonNode device(Http http, String prefix, String profile) {
        return device(http, prefix, deviceBody(unique("dev"), profile));
    }

    /** A new device of {@code profile} in the caller's account with a {@code period} in seconds; its id. */
    public static String deviceId(Http http, String profile, long period) {
        return id(device(http, "/v3", deviceBody(unique("dev"), profile).put("period", period)));
    }

    /** The body of a device {@code name} of {@code profile}; the caller may add fields. */
    public static ObjectNode deviceBody(String name, String profile) {
        return Http.JSON.createObjectNode().put("name", name).put("profile", profile);
    }

    /** The key of a device, secret included, as the API returns it. */
    public static JsonNode apikey(Http http, String prefix, String deviceId) {
        return ApiAssert.body(http.get(prefix + "/devices/" + deviceId + "/apikey"));
    }

    /** The device key of a device of the caller's account. */
    public static Http.Key deviceKey(Http http, String deviceId) {
        return Http.Key.of(apikey(http, "/v3", deviceId));
    }

    /** {@code http} acting with the device key of a device of the caller's account. */
    public static Http asDevice(Http http, String deviceId) {
        return http.as(deviceKey(http, deviceId));
    }

    /**
     * Makes the gateway's key list itself and these edge devices, replacing what it listed: it acts
     * for them from now on. Returns the key.
     */
    public static JsonNode gatewayKey(Http http, String prefix, String gatewayId, String... edgeIds) {
        List<String> ids = new ArrayList<>(List.of(gatewayId));
        ids.addAll(List.of(edgeIds));
        return ApiAssert.body(http.put(
                prefix + "/devices/" + gatewayId + "/apikey", Map.of("context", Map.of("type", "device", "ids", ids))));
    }

    /** A new user of the account at {@code prefix} with that role; the user. */
    public static JsonNode user(Http http, String prefix, String role) {
        return ApiAssert.body(http.post(prefix + "/users", Map.of("email", uniqueEmail(role), "role", role)));
    }

    /** The key of a new user of the account at {@code prefix} with that role; its ownerId is the user. */
    public static JsonNode userKey(Http http, String prefix, String role) {
        return ApiAssert.body(http.get(prefix + "/users/" + id(user(http, prefix, role)) + "/apikey"));
    }

    /**
     * A new API client of the account at {@code prefix} with that key context (null: the default)
     * and scopes; the response, with its {@code apikey}.
     */
    public static JsonNode apiClient(Http http, String prefix, Map<String, Object> context, List<String> scope) {
        ObjectNode body = Http.JSON.createObjectNode().put("name", unique("client"));
        if (context != null) {
            body.set("context", Http.JSON.valueToTree(context));
        }
        body.set("scope", Http.JSON.valueToTree(scope));
        return ApiAssert.body(http.post(prefix + "/apiclients", body));
    }
}
