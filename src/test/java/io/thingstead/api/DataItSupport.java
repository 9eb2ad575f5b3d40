package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;

/** Shared checks of the Data API integration tests: receipts, history and latest values. */
final class DataItSupport {
    private DataItSupport() {}

    /**
     * Asserts a 200 write receipt of exactly {@code accepted}, {@code rejected}, no point that
     * replaced a stored one, and one {@code {index, prop, reason}} per rejected point in {@code
     * rejections}; returns the rejections.
     */
    static JsonNode assertReceipt(Http.Resp r, int accepted, int rejected) {
        return assertReceipt(r, accepted, rejected, 0);
    }

    /** As {@link #assertReceipt(Http.Resp, int, int)}, with {@code replaced} points that replaced a stored one. */
    static JsonNode assertReceipt(Http.Resp r, int accepted, int rejected, int replaced) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.body();
        assertThat(body).as(r.toString()).isNotNull();
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as(r.toString()).containsExactly("accepted", "rejected", "replaced", "rejections");
        assertThat(body.get("accepted").intValue()).as(r.toString()).isEqualTo(accepted);
        assertThat(body.get("replaced").intValue()).as(r.toString()).isEqualTo(replaced);
        assertThat(body.get("rejected").intValue()).as(r.toString()).isEqualTo(rejected);
        JsonNode rejections = body.get("rejections");
        assertThat(rejections.size()).as(r.toString()).isEqualTo(rejected);
        for (JsonNode rejection : rejections) {
            List<String> fields = new ArrayList<>();
            rejection.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(r.toString()).containsExactly("index", "prop", "reason");
            assertThat(rejection.get("index").isInt()).as(r.toString()).isTrue();
            assertThat(rejection.get("reason").asText()).as(r.toString()).isNotBlank();
        }
        return rejections;
    }

    /** The history of a property, oldest first, as {@code t → v} pairs; asserts 200. */
    static List<JsonNode> history(Http reader, String deviceRef, String prop) {
        JsonNode body =
                body(reader.get("/v3/data/devices/" + deviceRef + "/properties/" + prop + "?order=asc&limit=1000"));
        List<JsonNode> out = new ArrayList<>();
        body.get("results").get(0).get("values").forEach(out::add);
        assertThat(body.get("sampleSize").asInt()).as(body.toString()).isEqualTo(out.size());
        return out;
    }

    /** The values of a property's history, oldest first. */
    static List<JsonNode> values(Http reader, String deviceRef, String prop) {
        List<JsonNode> out = new ArrayList<>();
        history(reader, deviceRef, prop).forEach(p -> out.add(p.get("v")));
        return out;
    }

    /** The times of a property's history, oldest first. */
    static List<String> times(Http reader, String deviceRef, String prop) {
        List<String> out = new ArrayList<>();
        history(reader, deviceRef, prop).forEach(p -> out.add(p.get("t").asText()));
        return out;
    }

    /** {@code GET /v3/data/devices/{ref}}: the flat map of latest values. */
    static JsonNode flat(Http reader, String deviceRef) {
        JsonNode body = body(reader.get("/v3/data/devices/" + deviceRef));
        assertThat(body.isObject()).as(body.toString()).isTrue();
        return body;
    }

    /** A Data Feed body of points given as JSON literals. */
    static JsonNode feed(String json) {
        return Http.json(json);
    }
}
