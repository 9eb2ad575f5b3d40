package io.thingstead.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Fixtures of the data-plane integration tests: profiles, properties, devices, keys, feeds. */
final class DataReadSupport {
    private DataReadSupport() {}

    /** A new profile inheriting {@code base}; returns its name. */
    static String profile(Http admin, String base) {
        String name = Fixtures.unique("Prof");
        Fixtures.profile(admin, "/v3", name, base);
        return name;
    }

    /** Adds a property to a profile from a single-quoted JSON literal; returns the property. */
    static JsonNode property(Http admin, String profile, String json) {
        return Fixtures.property(admin, profile, json);
    }

    /** A new device of {@code profile} with {@code period} seconds; returns its id. */
    static String device(Http admin, String profile, long period) {
        ObjectNode body = DeviceItSupport.device(Fixtures.unique("dev"), profile);
        body.put("period", period);
        return Fixtures.device(admin, "/v3", body).get("id").asText();
    }

    /** The device key of a device. */
    static Http.Key key(Http admin, String deviceId) {
        return Fixtures.deviceKey(admin, deviceId);
    }

    /** A Data Feed body of numeric points with explicit times. */
    static ObjectNode feed(List<Instant> times, List<? extends Number> values) {
        ObjectNode feed = Http.JSON.createObjectNode();
        ArrayNode dps = feed.putArray("dps");
        for (int i = 0; i < times.size(); i++) {
            ObjectNode p = dps.addObject().put("t", times.get(i).toString());
            p.set("v", Http.JSON.valueToTree(values.get(i)));
        }
        return feed;
    }

    /** A one-point feed at the server's time. */
    static ObjectNode point(Object value) {
        ObjectNode feed = Http.JSON.createObjectNode();
        feed.putArray("dps").addObject().set("v", Http.JSON.valueToTree(value));
        return feed;
    }

    /** Writes and asserts the receipt. */
    static void write(Http http, String path, Object body, int accepted, int rejected) {
        DataItSupport.assertReceipt(http.post(path, body), accepted, rejected);
    }

    /** The values ({@code v}) of the first result of a result set. */
    static List<JsonNode> values(JsonNode resultSet) {
        List<JsonNode> out = new ArrayList<>();
        resultSet.get("results").get(0).get("values").forEach(p -> out.add(p.get("v")));
        return out;
    }

    /** The times ({@code t}) of the first result of a result set. */
    static List<String> times(JsonNode resultSet) {
        List<String> out = new ArrayList<>();
        resultSet
                .get("results")
                .get(0)
                .get("values")
                .forEach(p -> out.add(p.get("t").asText()));
        return out;
    }

    /** ISO-8601 with milliseconds, as the API emits it. */
    static String iso(Instant t) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT
                .format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .replaceFirst("(:\\d\\d)Z$", "$1.000Z");
    }
}
