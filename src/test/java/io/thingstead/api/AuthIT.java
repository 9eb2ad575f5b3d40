package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.deletedOne;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthIT {
    static TestServer server;
    static Http admin;
    static final HttpClient RAW = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A request with a hand-made Authorization header (or none when null). */
    private static Http.Resp raw(String method, String path, String authorization, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = RAW.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = r.body().isEmpty() ? null : Http.JSON.readTree(r.body());
        } catch (IOException notJson) {
            json = null;
        }
        return new Http.Resp(r.statusCode(), json, r.body());
    }

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private static void noInternals(Http.Resp r) {
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("at java.");
    }

    @Test
    void noAuthorizationHeader_is401Unauthorized() throws Exception {
        for (String path : List.of("/v3/devices", "/v3/accounts/_this_", "/v3/users", "/v3/sys/accounts")) {
            Http.Resp r = admin.anonymous().get(path);
            errorMessage(r, 401, "Unauthorized");
            noInternals(r);
        }
        errorMessage(admin.anonymous().post("/v3/apiclients", Map.of("name", unique("anon"))), 401, "Unauthorized");
        errorMessage(raw("GET", "/v3/devices", "", null), 401, "Unauthorized");
    }

    @Test
    void wrongSecretOrUnknownKey_is401Unauthorized() {
        Http.Key good = admin.key();
        errorMessage(admin.as(new Http.Key(good.id(), "0".repeat(32))).get("/v3/devices"), 401, "Unauthorized");
        errorMessage(
                admin.as(new Http.Key(good.id(), good.secret().toUpperCase())).get("/v3/devices"), 401, "Unauthorized");
        errorMessage(admin.as(new Http.Key(good.id(), "")).get("/v3/devices"), 401, "Unauthorized");
        errorMessage(
                admin.as(new Http.Key("_key_123456789012345678", good.secret())).get("/v3/devices"),
                401,
                "Unauthorized");
        // the secret of one key does not open another
        errorMessage(
                server.sysadmin()
                        .as(new Http.Key(server.sysadmin().key().id(), good.secret()))
                        .get("/v3/sys/accounts"),
                401,
                "Unauthorized");
    }

    @Test
    void malformedBasicCredentials_are401Unauthorized() throws Exception {
        Http.Key k = admin.key();
        for (String header : List.of(
                "Basic !!!not-base64!!!",
                basic(k.id() + k.secret()),
                "Basic ",
                "Basic",
                "Bearer " + k.secret(),
                "Digest username=\"" + k.id() + "\"",
                basic(":" + k.secret()),
                basic(k.id() + ":"))) {
            Http.Resp r = raw("GET", "/v3/devices", header, null);
            assertThat(errorMessage(r, 401, "Unauthorized")).as(header).isNotBlank();
            noInternals(r);
        }
        // the scheme is case-insensitive and the good credentials work through the raw path too
        assertThat(raw("GET", "/v3/devices", basic(k.id() + ":" + k.secret()).replace("Basic", "basic"), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void unknownPath_is404ResourceNotFound() throws Exception {
        for (String path :
                List.of("/v3/nothing", "/v3/devices/x/y/z/w", "/v3/accounts/_this_/nothing", "/v3/sys/nothing")) {
            Http.Resp r = admin.get(path);
            errorMessage(r, 404, "ResourceNotFound");
            noInternals(r);
        }
        errorMessage(raw("GET", "/nope", null, null), 404, "ResourceNotFound");
        errorMessage(raw("GET", "/v2/devices", null, null), 404, "ResourceNotFound");
    }

    @Test
    void wrongMethodOnAKnownPath_is405() throws Exception {
        errorMessage(admin.delete("/v3/devices"), 405, "MethodNotAllowed");
        errorMessage(admin.put("/v3/users", Map.of("name", "x")), 405, "MethodNotAllowed");
        errorMessage(admin.send("PATCH", "/v3/accounts/_this_", Map.of("friendlyName", "x")), 405, "MethodNotAllowed");
        errorMessage(admin.delete("/v3/apiclients/_api_123456789012345678/apikey"), 405, "MethodNotAllowed");
    }

    @Test
    void malformedJson_is400MalformedJson() {
        String name = unique("malformed");
        for (String body : List.of(
                "{\"name\": \"" + name + "\"",
                "{name: '" + name + "'}",
                "{\"name\": \"" + name + "\"} trailing",
                "{\"name\": \"" + name + "\", \"name\": \"" + name + "x\"}",
                "",
                "   ")) {
            Http.Resp r = admin.send("POST", "/v3/apiclients", body);
            errorMessage(r, 400, "MalformedJson");
            noInternals(r);
        }
        errorMessage(admin.get("/v3/apiclients/" + name), 404, "ResourceNotFound");
    }

    @Test
    void bodyOverOneMebibyte_is413PayloadTooLarge_andNothingIsCreated() throws Exception {
        String name = unique("huge");
        String big = "{\"name\":\"" + name + "\",\"description\":\"" + "x".repeat(HttpLimits.MAX_BODY) + "\"}";
        Http.Resp r = admin.send("POST", "/v3/apiclients", big);
        errorMessage(r, 413, "PayloadTooLarge");
        errorMessage(admin.get("/v3/apiclients/" + name), 404, "ResourceNotFound");

        // without a Content-Length (chunked) too
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        Http.Resp chunked = raw(
                "POST",
                "/v3/apiclients",
                basic(admin.key().id() + ":" + admin.key().secret()),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        errorMessage(chunked, 413, "PayloadTooLarge");
        errorMessage(admin.get("/v3/apiclients/" + name), 404, "ResourceNotFound");

        // the server still serves requests afterwards
        body(admin.get("/v3/accounts/_this_"));
    }

    @Test
    void bodyJustUnderTheLimit_isNotRefusedForItsSize() {
        String name = unique("almost");
        String prefix = "{\"name\":\"" + name + "\",\"description\":\"";
        String body = prefix + "x".repeat(HttpLimits.MAX_BODY - prefix.length() - 2) + "\"}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(HttpLimits.MAX_BODY);
        // the description is too long for the field, which is a validation error and not a size error
        String msg = errorMessage(admin.send("POST", "/v3/apiclients", body), 400, "ValidationFailed");
        assertThat(msg).contains("description");
    }

    @Test
    void methodOverride_postWithMethodDeleteDeletes() {
        String id = body(admin.post("/v3/apiclients", Map.of("name", unique("override"))))
                .get("id")
                .asText();
        deletedOne(admin.post("/v3/apiclients/" + id + "?_method=DELETE", null));
        errorMessage(admin.get("/v3/apiclients/" + id), 404, "ResourceNotFound");
    }

    @Test
    void methodOverride_postWithMethodPutUpdates() {
        String id = body(admin.post("/v3/apiclients", Map.of("name", unique("override"))))
                .get("id")
                .asText();
        JsonNode updated =
                body(admin.post("/v3/apiclients/" + id + "?_method=put", Map.of("friendlyName", "Via override")));
        assertThat(updated.get("friendlyName").asText()).isEqualTo("Via override");
        assertThat(body(admin.get("/v3/apiclients/" + id)).get("friendlyName").asText())
                .isEqualTo("Via override");
    }

    @Test
    void methodOverride_onlyAppliesToPost() {
        String id = body(admin.post("/v3/apiclients", Map.of("name", unique("override"))))
                .get("id")
                .asText();
        body(admin.get("/v3/apiclients/" + id + "?_method=DELETE"));
        body(admin.get("/v3/apiclients/" + id));
    }

    @Test
    void jsonThatIsNotAnObject_is400() {
        for (String body : List.of("[{\"email\":\"a@b.c\"}]", "42", "\"text\"", "null", "true")) {
            Http.Resp r = admin.send("POST", "/v3/users", body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            errorMessage(r, 400, null);
            noInternals(r);
        }
        errorMessage(admin.send("PUT", "/v3/accounts/_this_", "[]"), 400, null);
        errorMessage(admin.send("POST", "/v3/apiclients", "[{\"name\":\"" + unique("arr") + "\"}]"), 400, null);
        errorMessage(admin.send("POST", "/v3/accounts", "[]"), 400, null);
        errorMessage(admin.send("POST", "/v3/deviceprofiles", "[]"), 400, null);
    }

    @Test
    void wrongFieldTypes_are400NamingTheField() {
        String msg = errorMessage(admin.post("/v3/apiclients", Map.of("name", 12)), 400, "ValidationFailed");
        assertThat(msg).contains("name");
        msg = errorMessage(
                admin.post("/v3/apiclients", Map.of("name", unique("t"), "tags", "not-a-list")),
                400,
                "ValidationFailed");
        assertThat(msg).contains("tags");
        msg = errorMessage(
                admin.post("/v3/apiclients", Map.of("name", unique("t"), "scope", "device:read")),
                400,
                "ValidationFailed");
        assertThat(msg).contains("scope");
    }

    @Test
    void nullInABody_unsetsAnOptionalField() {
        String id = body(admin.post("/v3/apiclients", Map.of("name", unique("nulls"), "description", "set")))
                .get("id")
                .asText();
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("description", null);
        JsonNode updated = body(admin.put("/v3/apiclients/" + id, body));
        assertThat(updated.get("description").isNull()).isTrue();
    }
}
