package io.thingstead.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Views;

/** JSON in and out of the HTTP API: strict parsing, the public view on output. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    private static final ObjectWriter PUBLIC = MAPPER.writerWithView(Views.Public.class);

    private Json() {}

    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "A JSON body is required");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ApiException(ErrorCode.MALFORMED_JSON, "A JSON body is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ApiException(
                    ErrorCode.MALFORMED_JSON, "The body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The body cannot be read: " + e.getMessage());
        }
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

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A value as its public JSON tree (internal fields left out). */
    public static com.fasterxml.jackson.databind.node.ObjectNode publicTree(Object value) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(write(value));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
