package io.thingstead.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stored value of one property of one device at one millisecond.
 *
 * @param meta tags, location, annotations and source of the point, or null
 */
public record DataPoint(String deviceId, String propertyId, long time, JsonNode value, ObjectNode meta) {

    /** The numeric projection used by aggregates: numbers as is, booleans as 1/0, others none. */
    public Double numeric() {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1.0 : 0.0;
        }
        return null;
    }
}
