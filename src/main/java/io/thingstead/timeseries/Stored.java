package io.thingstead.timeseries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A point encoded for the store: numeric ids (the digits of {@code _dev_…} and {@code _prp_…}) and
 * JSON text. Encoding happens on the writing request's thread, so the single store writer only
 * stores. {@link #decode} is the way back, the same for every store.
 */
public record Stored(DataPoint point, long device, long property, Double numeric, String valueJson, String metaJson) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static Stored of(DataPoint p) {
        return of(p, p.meta() == null ? null : p.meta().toString());
    }

    /** As {@link #of(DataPoint)}, with the point's meta already encoded (points of one write share it). */
    public static Stored of(DataPoint p, String metaJson) {
        return new Stored(p, digits(p.deviceId()), digits(p.propertyId()), p.numeric(), json(p.value()), metaJson);
    }

    /** A number's or a boolean's text is its JSON; only other values go through Jackson's writer. */
    private static String json(JsonNode v) {
        if (v.isBoolean() || v.isIntegralNumber() || (v.isDouble() && Double.isFinite(v.doubleValue()))) {
            return v.asText();
        }
        return v.toString();
    }

    /** The number in an entity id: {@code _dev_123} → 123. */
    public static long digits(String id) {
        return Long.parseLong(id, id.indexOf('_', 1) + 1, id.length(), 10);
    }

    /** The point a store reads back from what {@link #of} encoded: ids as {@code _dev_n} and {@code _prp_n}. */
    public static DataPoint decode(long device, long property, long time, String valueJson, String metaJson) {
        try {
            return new DataPoint(
                    "_dev_" + device,
                    "_prp_" + property,
                    time,
                    MAPPER.readTree(valueJson),
                    metaJson == null ? null : (ObjectNode) MAPPER.readTree(metaJson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored point cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
