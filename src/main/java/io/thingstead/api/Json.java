package io.thingstead.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.thingstead.core.JsonInput;
import io.thingstead.core.Views;

/** JSON in and out of the HTTP API: strict parsing, the public view on output. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonInput.MAPPER;
    private static final ObjectWriter PUBLIC = MAPPER.writerWithView(Views.Public.class);

    private Json() {}

    /** A request body by the strict rule of {@link JsonInput}. */
    public static JsonNode parse(byte[] body) {
        return JsonInput.parse(body, "body");
    }

    public static byte[] write(Object value) {
        try {
            return PUBLIC.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response cannot be written as JSON", e);
        }
    }

    /** Turns a value into its public JSON tree. */
    @FunctionalInterface
    interface Writer {
        JsonNode tree(Object value);
    }

    /** A value as its public JSON tree (internal fields left out). */
    public static com.fasterxml.jackson.databind.node.ObjectNode publicTree(Object value) {
        return Views.publicTree(value);
    }
}
