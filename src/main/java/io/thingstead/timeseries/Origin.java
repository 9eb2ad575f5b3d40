package io.thingstead.timeseries;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;

/**
 * Who wrote a point, as its {@code source} attribute says: the object itself (its device, or the
 * device's gateway acting for it) or an external client.
 */
public enum Origin {
    OBJECT,
    EXTERNAL_CLIENT;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }
}
