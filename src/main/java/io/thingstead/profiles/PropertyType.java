package io.thingstead.profiles;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;

/** Property data types with their size caps in bytes (docs/connio.md: Properties). */
public enum PropertyType {
    NUMBER(0),
    WAYPOINT(0),
    BOOLEAN(0),
    STRING(1024),
    ENUM(64),
    OBJECT(300 * 1024),
    FILE(256L * 1024 * 1024),
    BLOB(1024 * 1024);

    private final long maxSize;

    PropertyType(long maxSize) {
        this.maxSize = maxSize;
    }

    /** Largest value in bytes, or 0 when the type has no size. */
    public long maxSize() {
        return maxSize;
    }

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }
}
