package io.thingstead.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.Spans;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.PropertyType;
import io.thingstead.profiles.Retention;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules an alert obeys as a whole, checked on every create and change against its trigger:
 * the metric fits the property, at most one condition per severity, each expression fits the
 * metric, handlers and notifications name one another both ways (docs/alerts.md: Bad input).
 */
final class AlertRules {
    /** What a metric yields, for the expressions that compare it. */
    enum Kind {
        NUMBER,
        BOOLEAN,
        TEXT,
        ANY
    }

    private AlertRules() {}

    /** Refuses the alert with {@code ValidationFailed} naming the first field that breaks a rule. */
    static void check(Alert a, Property trigger) {
        Kind kind = kind(Metric.parse("metric", a.metric()), trigger);
        uniqueNotifications(a);
        Set<Condition.Severity> seen = EnumSet.noneOf(Condition.Severity.class);
        for (int i = 0; i < a.conditions().size(); i++) {
            Condition c = a.conditions().get(i);
            String path = "conditions[" + i + "]";
            if (!seen.add(c.severity())) {
                throw ApiException.invalid(
                        path + ".severity",
                        "'" + c.severity() + "' is given twice; at most one condition per severity");
            }
            expression(path + ".expression", c.expression(), kind, trigger);
            handlers(path, c, a);
        }
        if (a.recover() != null) {
            if (a.notification(a.recover().notification()) == null) {
                throw noNotification("recover.notification", a.recover().notification());
            }
            if (a.recover().next() != null) {
                throw ApiException.invalid(
                        "recover.next",
                        "names '" + a.recover().next() + "' that is no handler: recover runs one handler");
            }
        }
        everyNotificationUsed(a);
    }

    private static Kind kind(Metric metric, Property trigger) {
        return switch (metric) {
            case Metric.Value v -> valueKind(trigger);
            case Metric.Aggregate agg -> {
                if (trigger.retention().type() != Retention.Type.HISTORICAL) {
                    throw ApiException.invalid(
                            "metric",
                            "aggregates the history of '" + trigger.name() + "', whose retention is '"
                                    + trigger.retention().type() + "': it keeps no history ('historical' does)");
                }
                if (agg.fn() != Metric.Function.COUNT && trigger.type() != PropertyType.NUMBER) {
                    throw ApiException.invalid(
                            "metric",
                            agg.fn().name().toLowerCase(java.util.Locale.ROOT) + " needs a number property; '"
                                    + trigger.name() + "' is " + trigger.type() + " (count counts any type)");
                }
                yield Kind.NUMBER;
            }
            case Metric.GeoFence g -> {
                if (trigger.type() != PropertyType.WAYPOINT) {
                    throw ApiException.invalid(
                            "metric",
                            "geoFence needs a waypoint property; '" + trigger.name() + "' is " + trigger.type());
                }
                yield Kind.BOOLEAN;
            }
        };
    }

    private static Kind valueKind(Property trigger) {
        return switch (trigger.type()) {
            case NUMBER -> Kind.NUMBER;
            case BOOLEAN -> Kind.BOOLEAN;
            case STRING, FILE, BLOB -> Kind.TEXT;
            case ENUM, OBJECT, WAYPOINT -> Kind.ANY;
        };
    }

    private static void expression(String path, Condition.Expression e, Kind kind, Property trigger) {
        JsonNode v = e.value();
        if (e.operation() == null) {
            if (kind != Kind.NUMBER && kind != Kind.BOOLEAN) {
                throw ApiException.invalid(
                        path + ".operation",
                        "is required: the metric of '" + trigger.name() + "' is not a number or true/false");
            }
            return;
        }
        switch (e.operation()) {
            case LT, LTE, GT, GTE -> {
                if (!v.isNumber()) {
                    throw ApiException.invalid(path + ".value", "must be a number with '" + e.operation() + "'");
                }
                if (kind != Kind.NUMBER && kind != Kind.ANY) {
                    throw ApiException.invalid(
                            path + ".operation",
                            "'" + e.operation() + "' compares numbers; the metric of '" + trigger.name()
                                    + "' is not one");
                }
            }
            case MATCH -> {
                if (!v.isTextual()) {
                    throw ApiException.invalid(path + ".value", "must be a regular expression (a string) with 'match'");
                }
                try {
                    Pattern.compile(v.textValue());
                } catch (PatternSyntaxException ex) {
                    throw ApiException.invalid(
                            path + ".value", "is not a valid regular expression: " + ex.getDescription());
                }
            }
            case EQ, NEQ -> equality(path, v, kind, trigger);
        }
    }

    private static void equality(String path, JsonNode v, Kind kind, Property trigger) {
        boolean fits = switch (kind) {
            case NUMBER -> v.isNumber();
            case BOOLEAN -> v.isBoolean();
            case TEXT -> v.isTextual();
            case ANY -> true;
        };
        if (!fits) {
            throw ApiException.invalid(
                    path + ".value",
                    "must be " + kind.name().toLowerCase(java.util.Locale.ROOT) + " like the metric of '"
                            + trigger.name() + "'");
        }
        JsonNode set = trigger.type() == PropertyType.ENUM && trigger.boundaries() != null
                ? trigger.boundaries().get("set")
                : null;
        if (set != null && set.isArray()) {
            for (JsonNode member : set) {
                if (member.equals(v)
                        || (member.isNumber() && v.isNumber() && member.doubleValue() == v.doubleValue())) {
                    return;
                }
            }
            throw ApiException.invalid(
                    path + ".value", "must be one of " + set + ", the values of '" + trigger.name() + "'");
        }
    }

    private static void handlers(String path, Condition c, Alert a) {
        Set<String> keys = new HashSet<>();
        List<Handler> handlers = c.handlers();
        for (int j = 0; j < handlers.size(); j++) {
            Handler h = handlers.get(j);
            String hp = path + ".handlers[" + j + "]";
            if (!keys.add(h.key())) {
                throw ApiException.invalid(hp + ".key", "'" + h.key() + "' is given twice in this condition");
            }
            if (a.notification(h.notification()) == null) {
                throw noNotification(hp + ".notification", h.notification());
            }
        }
        for (int j = 0; j < handlers.size(); j++) {
            Handler h = handlers.get(j);
            if (h.next() != null && c.handler(h.next()) == null) {
                throw ApiException.invalid(
                        path + ".handlers[" + j + "].next",
                        "names '" + h.next() + "' that is no handler of this condition; its keys are " + keys);
            }
        }
        if (c.severity().opensIncident()) {
            noInstantLoop(path, c);
        }
    }

    /** A chain that comes back to a handler without any timeout on the way would run without end at once. */
    private static void noInstantLoop(String path, Condition c) {
        for (int j = 0; j < c.handlers().size(); j++) {
            Handler start = c.handlers().get(j);
            Duration total = Duration.ZERO;
            Set<String> seen = new HashSet<>();
            for (Handler h = start; h != null && seen.add(h.key()); h = h.next() == null ? null : c.handler(h.next())) {
                total = total.plus(h.timeout() == null ? Duration.ZERO : Spans.parse("timeout", h.timeout()));
                if (start.key().equals(h.next()) && total.isZero()) {
                    throw ApiException.invalid(
                            path + ".handlers[" + j + "].timeout",
                            "is needed: the chain from '" + start.key()
                                    + "' comes back to it with no timeout on the way");
                }
            }
        }
    }

    private static void uniqueNotifications(Alert a) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < a.notifications().size(); i++) {
            Notification n = a.notifications().get(i);
            if (!names.add(io.thingstead.core.Names.key(n.name()))) {
                throw ApiException.invalid("notifications[" + i + "].name", "'" + n.name() + "' is given twice");
            }
        }
    }

    private static void everyNotificationUsed(Alert a) {
        for (int i = 0; i < a.notifications().size(); i++) {
            Notification n = a.notifications().get(i);
            if (!used(a, n.name())) {
                throw ApiException.invalid(
                        "notifications[" + i + "].name",
                        "'" + n.name() + "' is used by no handler; remove it or name it in one");
            }
        }
    }

    private static boolean used(Alert a, String name) {
        if (a.recover() != null && a.recover().notification().equalsIgnoreCase(name)) {
            return true;
        }
        return a.conditions().stream()
                .flatMap(c -> c.handlers().stream())
                .anyMatch(h -> h.notification().equalsIgnoreCase(name));
    }

    private static ApiException noNotification(String field, String name) {
        return ApiException.invalid(field, "names '" + name + "' that is no notification of this alert");
    }
}
