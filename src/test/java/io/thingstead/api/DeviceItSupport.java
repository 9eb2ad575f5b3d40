package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Http;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared helpers of the device integration tests: unique names, error-shape assertions, fixtures. */
final class DeviceItSupport {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private DeviceItSupport() {}

    /** A name that no other test of the run uses. */
    static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000L, 36);
    }

    /**
     * Asserts the status and the Connio error shape {@code [{"code","cause","message","moreInfoUrl"}]};
     * returns the first error object.
     */
    static JsonNode assertError(Http.Resp r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.body()).as(r.toString()).isNotNull();
        assertThat(r.body().isArray()).as(r.toString()).isTrue();
        assertThat(r.body().size()).as(r.toString()).isGreaterThanOrEqualTo(1);
        JsonNode e = r.body().get(0);
        for (String field : new String[] {"code", "cause", "message", "moreInfoUrl"}) {
            assertThat(e.hasNonNull(field)).as(field + " in " + r).isTrue();
            assertThat(e.get(field).isTextual()).as(field + " in " + r).isTrue();
        }
        return e;
    }

    static JsonNode assertError(Http.Resp r, int status, String code) {
        JsonNode e = assertError(r, status);
        assertThat(e.get("code").asText()).as(r.toString()).isEqualTo(code);
        return e;
    }

    /** A 400 {@code ValidationFailed} whose message names the field, e.g. {@code '[1].name'}. */
    static JsonNode assertInvalid(Http.Resp r, String field) {
        JsonNode e = assertError(r, 400, "ValidationFailed");
        assertThat(e.get("message").asText()).as(r.toString()).contains("'" + field + "'");
        return e;
    }

    static JsonNode assertOk(Http.Resp r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
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
        ObjectNode body = Http.JSON.createObjectNode().put("name", name);
        if (base != null) {
            body.put("baseProfile", base);
        }
        return assertOk(http.post(prefix + "/deviceprofiles", body));
    }

    static JsonNode createDevice(Http http, String prefix, ObjectNode body) {
        return assertOk(http.post(prefix + "/devices", body));
    }

    /** A fresh sub-account of the caller's account; returns its id. */
    static String createSubAccount(Http http) {
        ObjectNode body = Http.JSON.createObjectNode().put("name", unique("acc"));
        return assertOk(http.post("/v3/accounts", body)).get("id").asText();
    }
}
