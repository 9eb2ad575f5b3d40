package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Http;

/** Shared helpers of the device integration tests: bodies and the invalid-field assertion. */
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
}
