package io.thingstead.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Feeds, writes and result sets of the data-plane integration tests. */
final class DataReadSupport {
    private DataReadSupport() {}

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
