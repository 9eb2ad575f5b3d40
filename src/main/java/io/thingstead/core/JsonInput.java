package io.thingstead.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON from clients (REST bodies and MQTT payloads), parsed by one strict rule: UTF-8 only (a
 * UTF-8 byte order mark is skipped), at most {@value #MAX_DEPTH} levels of nesting, no duplicate
 * keys, no trailing data, no NaN or Infinity, no number beyond the range of a double, no unpaired
 * surrogate. Anything else is {@code MalformedJson}.
 */
public final class JsonInput {
    public static final int MAX_DEPTH = 64;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

    private JsonInput() {}

    /** The JSON value of {@code bytes}; {@code what} names it in messages ("body", "payload"). */
    public static JsonNode parse(byte[] bytes, String what) {
        if (bytes == null || bytes.length == 0) {
            throw malformed("A JSON " + what + " is required");
        }
        if (!utf8(bytes)) {
            throw malformed("The " + what + " must be JSON in UTF-8");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw malformed("The " + what + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("The " + what + " cannot be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw malformed("A JSON " + what + " is required");
        }
        String problem = problem(node);
        if (problem != null) {
            throw malformed("The " + what + " is not valid JSON: " + problem);
        }
        return node;
    }

    /** JSON text starts with an ASCII character: a NUL in the first two bytes, or a UTF-16/32 mark, is not UTF-8. */
    private static boolean utf8(byte[] b) {
        if (b[0] == 0 || (b.length > 1 && b[1] == 0)) {
            return false;
        }
        return b.length < 2
                || !((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE));
    }

    /** What no JSON parser would refuse but no client can mean; the depth is bounded by the parser. */
    private static String problem(JsonNode node) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return "a number is beyond the range of a double";
        }
        if (node.isTextual() && unpairedSurrogate(node.textValue())) {
            return "a string holds an unpaired UTF-16 surrogate";
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                String p = problem(item);
                if (p != null) {
                    return p;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                String p = unpairedSurrogate(e.getKey())
                        ? "a key holds an unpaired UTF-16 surrogate"
                        : problem(e.getValue());
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static ApiException malformed(String message) {
        return new ApiException(ErrorCode.MALFORMED_JSON, message);
    }
}
