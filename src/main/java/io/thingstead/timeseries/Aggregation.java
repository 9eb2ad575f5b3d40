package io.thingstead.timeseries;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;

/** What an aggregator of a query computes (docs/connio.md: Reading data). */
public enum Aggregation {
    AVG,
    MIN,
    MAX,
    SUM,
    COUNT,
    FIRST,
    LAST,
    DEV,
    PERCENTILE,
    DIFF,
    RATE,
    SCALE;

    /** Whether it reduces each sampling range to one value (else it maps the series point by point). */
    boolean ranged() {
        return switch (this) {
            case AVG, MIN, MAX, SUM, COUNT, FIRST, LAST, DEV, PERCENTILE -> true;
            case DIFF, RATE, SCALE -> false;
        };
    }

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }
}
