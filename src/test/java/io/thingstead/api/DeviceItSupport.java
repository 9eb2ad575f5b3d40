package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;

/** Shared helpers of the device integration tests: bodies, the invalid-field assertion, sub-accounts. */
final class DeviceItSupport {
    private DeviceItSupport() {}

    /** A 400 {@code ValidationFailed} whose message names the field, e.g. {@code '[1].name'}. */
    static JsonNode assertInvalid(Http.Resp r, String field) {
        JsonNode e = ApiAssert.error(r, 400, "ValidationFailed");
        assertThat(e.get("message").asText()).as(r.toString()).contains("'" + field + "'");
        return e;
    }

    static ObjectNode obj(String json) {
        return (ObjectNode) Http.json(json);
    }

    static ObjectNode device(String name, String profile) {
        ObjectNode n = Http.JSON.createObjectNode();
        n.put("name", name);
        n.put("profile", profile);
        return n;
    }

    /** A fresh sub-account of the caller's account; returns its id. */
    static String createSubAccount(Http http) {
        ObjectNode body = Http.JSON.createObjectNode().put("name", Fixtures.unique("acc"));
        return ApiAssert.body(http.post("/v3/accounts", body)).get("id").asText();
    }
}
