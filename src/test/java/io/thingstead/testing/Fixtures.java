package io.thingstead.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place integration tests make what they need over the API: unique names, profiles,
 * properties, devices and their keys. Each call asserts its response is a 200 ({@link
 * ApiAssert#body}).
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

    /** A device profile {@code name} inheriting {@code base} (null: the default base); returns it. */
    public static JsonNode profile(Http http, String prefix, String name, String base) {
        ObjectNode body = Http.JSON.createObjectNode().put("name", name);
        if (base != null) {
            body.put("baseProfile", base);
        }
        return ApiAssert.body(http.post(prefix + "/deviceprofiles", body));
    }

    /** Adds a property to a profile from a JSON literal (single quotes allowed); returns it. */
    public static JsonNode property(Http http, String profile, String json) {
        return ApiAssert.body(http.post("/v3/deviceprofiles/" + profile + "/properties", Http.json(json)));
    }

    /** Creates the device {@code body} describes; returns it. */
    public static JsonNode device(Http http, String prefix, ObjectNode body) {
        return ApiAssert.body(http.post(prefix + "/devices", body));
    }

    /** The device key of a device. */
    public static Http.Key deviceKey(Http http, String deviceId) {
        return Http.Key.of(ApiAssert.body(http.get("/v3/devices/" + deviceId + "/apikey")));
    }
}
