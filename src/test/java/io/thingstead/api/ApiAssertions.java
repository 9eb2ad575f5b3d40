package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;

/** Shared checks for the admin API integration tests. */
final class ApiAssertions {
    private ApiAssertions() {}

    /**
     * The response has the status and is a Connio error array whose first element carries
     * {@code code, cause, message, moreInfoUrl} with the given code; returns the message.
     */
    static String error(Http.Resp r, int status, String code) {
        return ApiAssert.error(r, status, code).get("message").asText();
    }

    /** The response is a Connio list page with exactly the six keys. */
    static JsonNode page(Http.Resp r) {
        JsonNode body = ApiAssert.body(r);
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
        JsonNode body = ApiAssert.body(r);
        assertThat(body.toString()).isEqualTo("{\"nrOfItems\":1}");
    }
}
