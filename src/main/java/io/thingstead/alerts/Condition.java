package io.thingstead.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Copies;
import io.thingstead.core.Wire;
import java.util.List;

/**
 * One condition of an alert: when {@code metric <operation> value} holds, its severity applies
 * and its handler chain runs (docs/alerts.md: Conditions).
 */
public record Condition(Severity severity, Expression expression, List<Handler> handlers) {
    public Condition {
        handlers = Copies.list(handlers);
    }

    /**
     * {@code notification} never opens an incident (its handlers run on every match); {@code
     * warning} and {@code critical} open one, critical above warning.
     */
    public enum Severity {
        NOTIFICATION,
        WARNING,
        CRITICAL;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }

        /** Whether a match opens (or raises) an incident. */
        public boolean opensIncident() {
            return this != NOTIFICATION;
        }
    }

    /** How the metric is compared with the value. */
    public enum Operation {
        EQ,
        NEQ,
        LT,
        LTE,
        GT,
        GTE,
        MATCH;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    /**
     * {@code metric <operation> value}; with neither (Connio's SDK sends none), the metric itself
     * decides: a non-zero number or {@code true} matches.
     */
    public record Expression(Operation operation, JsonNode value) {}

    /** The handler of that key, or null. */
    public Handler handler(String key) {
        for (Handler h : handlers) {
            if (h.key().equals(key)) {
                return h;
            }
        }
        return null;
    }
}
