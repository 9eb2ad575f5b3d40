package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Shared checks for the admin API integration tests. */
final class ApiAssertions {
    private static final AtomicLong COUNTER = new AtomicLong(System.nanoTime() % 1_000_000);

    private ApiAssertions() {}

    /** A name no other test uses: letters first, then a counter. */
    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    static String uniqueEmail(String prefix) {
        return unique(prefix) + "@example.com";
    }

    /** The response is 200 with a JSON body; returns the body. */
    static JsonNode ok(Http.Resp r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).as(r.toString()).isNotNull();
        return r.body();
    }

    /**
     * The response has the status and is a Connio error array whose first element carries
     * {@code code, cause, message, moreInfoUrl} with the given code; returns the message.
     */
    static String error(Http.Resp r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        JsonNode body = r.body();
        assertThat(body).as(r.toString()).isNotNull();
        assertThat(body.isArray()).as(r.toString()).isTrue();
        assertThat(body.size()).as(r.toString()).isGreaterThanOrEqualTo(1);
        JsonNode first = body.get(0);
        for (String field : List.of("code", "cause", "message", "moreInfoUrl")) {
            assertThat(first.hasNonNull(field)).as(field + " in " + r).isTrue();
            assertThat(first.get(field).isTextual()).as(field + " in " + r).isTrue();
        }
        if (code != null) {
            assertThat(first.get("code").asText()).as(r.toString()).isEqualTo(code);
        }
        return first.get("message").asText();
    }

    /** The response is a Connio list page with exactly the six keys. */
    static JsonNode page(Http.Resp r) {
        JsonNode body = ok(r);
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .as(r.toString())
                .containsExactlyInAnyOrder("total", "itemCount", "numOfPages", "pageNo", "skip", "results");
        assertThat(body.get("results").isArray()).isTrue();
        assertThat(body.get("itemCount").asInt()).isEqualTo(body.get("results").size());
        return body;
    }

    static List<String> field(JsonNode results, String field) {
        List<String> out = new ArrayList<>();
        results.forEach(n -> out.add(n.path(field).asText(null)));
        return out;
    }

    static void deletedOne(Http.Resp r) {
        JsonNode body = ok(r);
        assertThat(body.toString()).isEqualTo("{\"nrOfItems\":1}");
    }
}
