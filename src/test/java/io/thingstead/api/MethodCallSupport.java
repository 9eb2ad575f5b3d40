package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.Arrays;
import java.util.Map;

/** Profiles with method bodies, devices of them, their keys, and calls, for the method call tests. */
final class MethodCallSupport {
    static final String PREFIX = "/v3";

    private MethodCallSupport() {}

    /** A device of a profile and the keys that act for it. */
    record Dev(String id, String name, String profile, Http key) {}

    /** Defines {@code name} with that access and body on the profile; the method's JSON. */
    static JsonNode define(Http as, String profile, String name, String access, String body) {
        return body(as.post(
                PREFIX + "/deviceprofiles/" + profile + "/methods", MethodItSupport.method(name, access, body)));
    }

    /** A profile on {@code base} with a public number {@code temperature} and a private text {@code secret}. */
    static String profile(Http as, String base) {
        return Fixtures.newProfile(
                as,
                PREFIX,
                base,
                MethodItSupport.TEMPERATURE,
                Map.of("name", "secret", "type", "string", "access", "private"));
    }

    /** A new device of the profile, with its own device key. */
    static Dev device(Http as, String profile) {
        JsonNode d = Fixtures.device(as, PREFIX, profile);
        Http key = as.as(Fixtures.apikey(as, PREFIX, Fixtures.id(d)));
        return new Dev(Fixtures.id(d), d.get("name").asText(), profile, key);
    }

    /** Lists the edge devices in the gateway's key (after the gateway itself), replacing what it listed. */
    static void listEdges(Http as, Dev gateway, Dev... edges) {
        Fixtures.gatewayKey(
                as, PREFIX, gateway.id(), Arrays.stream(edges).map(Dev::id).toArray(String[]::new));
    }

    /** The call failed with that status and code; its message. */
    static String failed(Http.Resp r, int status, String code) {
        return ApiAssert.errorMessage(r, status, code);
    }

    /** {@code POST /data/devices/{ref}/methods/{m}} with {@code {"value": value}}. */
    static Http.Resp call(Http as, String deviceRef, String method, Object value) {
        ObjectNode body = Http.JSON.createObjectNode();
        body.set("value", Http.JSON.valueToTree(value));
        return as.post(PREFIX + "/data/devices/" + deviceRef + "/methods/" + method, body);
    }

    /** The {@code result} of a call that succeeded. */
    static JsonNode result(Http.Resp r) {
        JsonNode body = body(r);
        return body.get("result");
    }

    /** A new master account of that plan (by the sysadmin), with its admin user; its JSON, {@code apikey} included. */
    static JsonNode master(io.thingstead.testing.TestServer server, String plan) {
        return body(server.sysadmin()
                .post(
                        PREFIX + "/sys/accounts",
                        Map.of(
                                "name",
                                io.thingstead.testing.Fixtures.unique("Acc"),
                                "plan",
                                Map.of("type", plan),
                                "user",
                                Map.of(
                                        "name",
                                        "Owner",
                                        "email",
                                        io.thingstead.testing.Fixtures.uniqueEmail("owner")))));
    }

    /** The {@code protocol} attribute of the newest stored point of the property, as JSON ({@code ["method"]}). */
    static String protocolOfNewest(Http as, String deviceRef, String prop) {
        JsonNode history = body(as.get(PREFIX + "/data/devices/" + deviceRef + "/properties/" + prop));
        return history.get("results").get(0).get("attributes").get("protocol").toString();
    }
}
