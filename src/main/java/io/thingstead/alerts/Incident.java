package io.thingstead.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;
import java.time.Instant;

/**
 * The incident of one alert on one device: at most one is kept at a time (docs/alerts.md:
 * Incidents). {@code count} and {@code lastTriggered} count the matches since it opened. {@code
 * heldBackBy} names the gateway incident that holds it back (null: not held back); {@code pending}
 * is the handler of its chain due next (null: none), so a timer is stored with its incident.
 */
public record Incident(
        String alertId,
        String deviceId,
        Level severity,
        State state,
        Instant startTime,
        Instant lastTriggered,
        long count,
        HeldBack heldBackBy,
        Pending pending) {
    /** An incident neither held back nor waiting for a handler. */
    public Incident(
            String alertId,
            String deviceId,
            Level severity,
            State state,
            Instant startTime,
            Instant lastTriggered,
            long count) {
        this(alertId, deviceId, severity, state, startTime, lastTriggered, count, null, null);
    }

    /** The gateway whose own incident (of alert {@code incidentAlertId}) holds this one back. */
    public record HeldBack(String gatewayId, String incidentAlertId) {}

    /** The handler {@code handlerKey} of the incident's chain runs at {@code due}. */
    public record Pending(String handlerKey, Instant due) {}

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
        return new Incident(alertId, deviceId, severity, state, startTime, now, count + 1, heldBackBy, pending);
    }

    Incident withPending(Pending next) {
        return new Incident(alertId, deviceId, severity, state, startTime, lastTriggered, count, heldBackBy, next);
    }

    Incident heldBy(HeldBack by) {
        return new Incident(alertId, deviceId, severity, state, startTime, lastTriggered, count, by, null);
    }

    /** Still open: active, not acknowledged. */
    public boolean active() {
        return state == State.ACTIVE;
    }
}
