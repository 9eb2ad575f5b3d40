package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared fixture of the bad-input security suites (JSON bodies, body fields, query parameters): one server, a profile with a bounded number
 * property, a device of it with its key, an API client, and the request bodies of every kind.
 */
abstract class InputSecurityItBase extends AdminServerIt {
    static String profile;
    static String deviceId;
    static Http device;
    static String client;

    /** A route that reads a JSON body, with a body it accepts. */
    record Endpoint(String method, String path, String goodBody) {
        Http.Resp send(Http as, String body) {
            return as.send(method, path, body);
        }

        Http.Resp sendBytes(Http as, byte[] body) {
            return as.sendBytes(method, path, body);
        }
    }

    @BeforeAll
    static void fixture() {
        profile = unique("Sec");
        Fixtures.profile(
                api,
                "/v3",
                profile,
                "ConnectedDevice",
                "{'name':'temperature','type':'number','access':'public','publish':'changed',"
                        + "'boundaries':{'min':-40,'max':125}}",
                "{'name':'doc','type':'object','access':'public'}");
        deviceId = newDevice();
        device = Fixtures.asDevice(api, deviceId);
        client = unique("client");
        body(api.post("/v3/apiclients", Http.json("{'name':'" + client + "','scope':['device:read']}")));
    }

    static String newDevice() {
        return Fixtures.id(Fixtures.device(api, "/v3", profile));
    }

    /** Every kind of request body, each with a body it accepts. */
    static List<Endpoint> endpoints() {
        String data = "/v3/data/devices/" + deviceId;
        return List.of(
                new Endpoint("POST", "/v3/accounts", "{\"name\":\"" + unique("acc") + "\"}"),
                new Endpoint("PUT", "/v3/accounts/_this_", "{\"description\":\"main\"}"),
                new Endpoint("POST", "/v3/users", "{\"email\":\"" + unique("u") + "@example.com\"}"),
                new Endpoint("POST", "/v3/apiclients", "{\"name\":\"" + unique("c") + "\"}"),
                new Endpoint("PUT", "/v3/apiclients/" + client + "/apikey", "{\"scope\":[\"device:read\"]}"),
                new Endpoint("POST", "/v3/deviceprofiles", "{\"name\":\"" + unique("P") + "\"}"),
                new Endpoint(
                        "POST",
                        "/v3/deviceprofiles/" + profile + "/properties",
                        "{\"name\":\"" + unique("p") + "\",\"type\":\"string\"}"),
                new Endpoint(
                        "POST", "/v3/devices", "{\"name\":\"" + unique("d") + "\",\"profile\":\"" + profile + "\"}"),
                new Endpoint("PUT", "/v3/devices/" + deviceId, "{\"period\":0}"),
                new Endpoint("PUT", "/v3/devices/" + deviceId + "/apikey", "{}"),
                new Endpoint("POST", data + "/properties/temperature", "{\"dps\":[{\"v\":20}]}"),
                new Endpoint("POST", data, "{\"temperature\":20}"),
                new Endpoint("POST", data + "/properties/temperature/query", "{\"limit\":1}"));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A 400 of the code whose message holds every part. */
    static JsonNode assertBad(Http.Resp r, String code, String... messageParts) {
        JsonNode e = ApiAssert.error(r, 400, code);
        for (String part : messageParts) {
            assertThat(e.get("message").asText()).as(r.toString()).contains(part);
        }
        return e;
    }

    /** The server still answers, and with a JSON body. */
    static void assertServerHealthy() {
        Http.Resp r = api.anonymous().get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("status").asText()).isEqualTo("up");
    }
}
