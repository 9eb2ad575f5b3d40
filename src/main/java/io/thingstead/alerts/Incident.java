package io.thingstead.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;
import java.time.Instant;

/**
 * The incident of one alert on one device: at most one is open at a time (docs/alerts.md:
 * Incidents). {@code count} and {@code lastTriggered} count the matches since it opened.
 */
public record Incident(
        String alertId,
        String deviceId,
        Level severity,
        State state,
        Instant startTime,
        Instant lastTriggered,
        long count) {
    /** {@code warning} opens a {@code warn} incident, {@code critical} a {@code crit} one; it only rises. */
    public enum Level {
        WARN,
        CRIT;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }

        /** The level a condition of that severity opens, or null for {@code notification}. */
        public static Level of(Condition.Severity severity) {
            return switch (severity) {
                case NOTIFICATION -> null;
                case WARNING -> WARN;
                case CRITICAL -> CRIT;
            };
        }

        /** The severity of the condition whose handler chain runs at this level. */
        public Condition.Severity condition() {
            return switch (this) {
                case WARN -> Condition.Severity.WARNING;
                case CRIT -> Condition.Severity.CRITICAL;
            };
        }
    }

    /** Open ({@code active}), or ended by an acknowledgement ({@code ack}). */
    public enum State {
        ACTIVE,
        ACK;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    Incident matched(Instant now) {
        return new Incident(alertId, deviceId, severity, state, startTime, now, count + 1);
    }
}
