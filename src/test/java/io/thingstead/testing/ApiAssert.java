package io.thingstead.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Assertions on API responses: success, list pages, deletions, and the Connio error array with a stable code. */
public final class ApiAssert {
    private ApiAssert() {}

    /** Asserts 200 and returns the response. */
    public static Http.Resp ok(Http.Resp r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    /** Asserts 200 with a JSON body; returns the body. */
    public static JsonNode body(Http.Resp r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).as(r.toString()).isNotNull();
        return r.body();
    }

    /**
     * Asserts the status, that the body is a JSON array whose first element has code, cause,
     * message and moreInfoUrl, the code, and (when not null) a part of the message.
     */
    public static void assertError(Http.Resp r, int status, String code, String messagePart) {
        JsonNode e = error(r, status, code);
        if (messagePart != null) {
            assertThat(e.get("message").asText()).as(r.raw()).contains(messagePart);
        }
    }

    /** Asserts the status and the Connio error array, with any code; returns its first element. */
    public static JsonNode error(Http.Resp r, int status) {
        return error(r, status, null);
    }

    /**
     * Asserts the status and the Connio error array {@code [{"code","cause","message","moreInfoUrl"}]}
     * whose first element has {@code code} (any code when null); returns that element.
     */
    public static JsonNode error(Http.Resp r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.body()).as(r.raw()).isNotNull();
        assertThat(r.body().isArray()).as(r.raw()).isTrue();
        assertThat(r.body()).as(r.raw()).isNotEmpty();
        JsonNode e = r.body().get(0);
        for (String f : List.of("code", "cause", "message", "moreInfoUrl")) {
            assertThat(e.hasNonNull(f))
                    .as("error field " + f + " in " + r.raw())
                    .isTrue();
            assertThat(e.get(f).isTextual()).as(f + " in " + r.raw()).isTrue();
        }
        if (code != null) {
            assertThat(e.get("code").asText()).as(r.raw()).isEqualTo(code);
        }
        return e;
    }

    /** As {@link #error(Http.Resp, int, String)}; returns the error's message. */
    public static String errorMessage(Http.Resp r, int status, String code) {
        return error(r, status, code).get("message").asText();
    }

    /** Asserts 200 with a Connio list page of exactly the six keys; returns the page. */
    public static JsonNode page(Http.Resp r) {
        JsonNode body = body(r);
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .as(r.toString())
                .containsExactlyInAnyOrder("total", "itemCount", "numOfPages", "pageNo", "skip", "results");
        assertThat(body.get("results").isArray()).isTrue();
        assertThat(body.get("itemCount").asInt()).isEqualTo(body.get("results").size());
        return body;
    }

    /** Asserts 200 with the body of a delete of one item, {@code {"nrOfItems":1}}. */
    public static void deletedOne(Http.Resp r) {
        assertThat(body(r).toString()).isEqualTo("{\"nrOfItems\":1}");
    }

    /** The {@code field} of each element of {@code results} (null where it has none), to assert on. */
    public static List<String> field(JsonNode results, String field) {
        List<String> out = new ArrayList<>();
        results.forEach(n -> out.add(n.path(field).asText(null)));
        return out;
    }
}
