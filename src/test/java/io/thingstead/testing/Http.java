package io.thingstead.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A real HTTP client for the API: Basic auth with a key, JSON in and out. */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String base;
    private final Key key;

    public Http(String base, Key key) {
        this.base = base;
        this.key = key;
    }

    /** An API key as id and secret. */
    public record Key(String id, String secret) {
        public static Key of(JsonNode apikey) {
            return new Key(apikey.get("id").asText(), apikey.get("secret").asText());
        }
    }

    /** A response: status and parsed JSON body (null when the body is empty or not JSON). */
    public record Resp(int status, JsonNode body, String raw) {
        public String text(String field) {
            return body.get(field).asText();
        }

        public String errorCode() {
            return body != null && body.isArray() && !body.isEmpty()
                    ? body.get(0).get("code").asText()
                    : null;
        }

        public String errorMessage() {
            return body != null && body.isArray() && !body.isEmpty()
                    ? body.get(0).get("message").asText()
                    : null;
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Http as(Key other) {
        return new Http(base, other);
    }

    public Http as(JsonNode apikey) {
        return as(Key.of(apikey));
    }

    public Http anonymous() {
        return new Http(base, null);
    }

    public String base() {
        return base;
    }

    public Key key() {
        return key;
    }

    public Resp get(String path) {
        return send("GET", path, null);
    }

    public Resp delete(String path) {
        return send("DELETE", path, null);
    }

    public Resp post(String path, Object body) {
        return send("POST", path, body);
    }

    public Resp put(String path, Object body) {
        return send("PUT", path, body);
    }

    /** Sends {@code body} as is when it is a String (possibly malformed JSON), else as JSON. */
    public Resp send(String method, String path, Object body) {
        byte[] bytes =
                body == null ? null : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : toJson(body);
        return sendBytes(method, path, bytes);
    }

    public Resp sendBytes(String method, String path, byte[] bytes) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            String token = Base64.getEncoder()
                    .encodeToString((key.id() + ":" + key.secret()).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        }
        if (bytes != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Resp(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON literal for request bodies: {@code Http.json("{'a':1}")} with single quotes allowed. */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
