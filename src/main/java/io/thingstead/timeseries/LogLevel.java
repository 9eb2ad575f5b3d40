package io.thingstead.timeseries;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;
import java.util.EnumSet;

/** How serious a device log entry is, spelled as Connio's scripts name it ({@code log(type, msg)}). */
public enum LogLevel {
    DEBUG,
    INFO,
    WARNING,
    ERROR;

    /** The level a stored entry spells; a spelling of none is a store this version did not write. */
    public static LogLevel of(String spelling) {
        LogLevel level = Wire.find(EnumSet.allOf(LogLevel.class), spelling, false);
        if (level == null) {
            throw new IllegalArgumentException("No log level '" + spelling + "'");
        }
        return level;
    }

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }
}
