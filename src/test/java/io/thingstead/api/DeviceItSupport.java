package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;

/** Shared helpers of the device integration tests: unique names, error-shape assertions, fixtures. */
final class DeviceItSupport {
    private DeviceItSupport() {}

    /** A name that no other test of the run uses. */
    static String unique(String prefix) {
        return Fixtures.unique(prefix);
    }

    /**
     * Asserts the status and the Connio error shape {@code [{"code","cause","message","moreInfoUrl"}]};
     * returns the first error object.
     */
    static JsonNode assertError(Http.Resp r, int status) {
        return ApiAssert.error(r, status, null);
    }

    static JsonNode assertError(Http.Resp r, int status, String code) {
        return ApiAssert.error(r, status, code);
    }

    /** A 400 {@code ValidationFailed} whose message names the field, e.g. {@code '[1].name'}. */
    static JsonNode assertInvalid(Http.Resp r, String field) {
        JsonNode e = assertError(r, 400, "ValidationFailed");
        assertThat(e.get("message").asText()).as(r.toString()).contains("'" + field + "'");
        return e;
    }

    static JsonNode assertOk(Http.Resp r) {
        return ApiAssert.body(r);
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

    static JsonNode createProfile(Http http, String prefix, String name, String base) {
        return Fixtures.profile(http, prefix, name, base);
    }

    static JsonNode createDevice(Http http, String prefix, ObjectNode body) {
        return Fixtures.device(http, prefix, body);
    }

    /** A fresh sub-account of the caller's account; returns its id. */
    static String createSubAccount(Http http) {
        ObjectNode body = Http.JSON.createObjectNode().put("name", unique("acc"));
        return assertOk(http.post("/v3/accounts", body)).get("id").asText();
    }
}
