package io.thingstead.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.thingstead.core.Spans;
import io.thingstead.timeseries.Values;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Evaluates one stored write of an alert's trigger, without I/O: the metric (the value, an
 * aggregate of the history it is handed, or a geofence test), then every condition; the highest
 * incident severity that matches wins, and a {@code notification} condition is reported on its
 * own, as it runs whatever the incident does (docs/alerts.md: Evaluation).
 */
public final class Evaluator {
    /** A stored point of the trigger. */
    public record Point(Instant time, JsonNode value) {}

    /** The trigger's stored points of the device from {@code from} to {@code to}, both included. */
    @FunctionalInterface
    public interface History {
        List<Point> between(Instant from, Instant to);
    }

    /** The write: its value, the latest value before it (or null), and its time. */
    public record Sample(JsonNode value, JsonNode previous, Instant time) {}

    /**
     * What one evaluation found. {@code severity}: the highest of {@code warning} and {@code
     * critical} that matched, or null for none (normal). {@code passThrough}: the {@code notification}
     * condition matched. {@code skipped}: not evaluated at all (the alert is disabled, or the point
     * is older than the alert's ttl), which changes no incident.
     */
    public record Outcome(JsonNode metric, Condition.Severity severity, boolean passThrough, boolean skipped) {
        static final Outcome SKIPPED = new Outcome(null, null, false, true);
    }

    private final InstantSource clock;

    public Evaluator(InstantSource clock) {
        this.clock = clock;
    }

    public Outcome evaluate(Alert alert, Sample sample, History history) {
        if (alert.status() == Alert.Status.DISABLED || tooOld(alert, sample)) {
            return Outcome.SKIPPED;
        }
        JsonNode metric = metric(Metric.parse("metric", alert.metric()), sample, history);
        Condition.Severity severity = null;
        boolean passThrough = false;
        for (Condition c : alert.conditions()) {
            if (!matches(c.expression(), metric)) {
                continue;
            }
            if (!c.severity().opensIncident()) {
                passThrough = true;
            } else if (severity == null || c.severity().compareTo(severity) > 0) {
                severity = c.severity();
            }
        }
        return new Outcome(metric, severity, passThrough, false);
    }

    private boolean tooOld(Alert alert, Sample sample) {
        if (alert.ttl() == null) {
            return false;
        }
        Duration ttl = Spans.parse("ttl", alert.ttl());
        return sample.time().isBefore(clock.instant().minus(ttl));
    }

    /** The metric's value for the write, or null when there is none (an aggregate of no numbers). */
    static JsonNode metric(Metric metric, Sample sample, History history) {
        return switch (metric) {
            case Metric.Value v -> sample.value();
            case Metric.Aggregate a ->
                aggregate(a, history.between(sample.time().minus(a.window()), sample.time()));
            case Metric.GeoFence g -> geoFence(g, sample.value());
        };
    }

    private static JsonNode aggregate(Metric.Aggregate a, List<Point> points) {
        if (a.fn() == Metric.Function.COUNT) {
            return LongNode.valueOf(points.size());
        }
        double[] numbers = points.stream()
                .map(Point::value)
                .filter(v -> v != null && v.isNumber())
                .mapToDouble(JsonNode::doubleValue)
                .toArray();
        if (numbers.length == 0) {
            return null;
        }
        var stats = java.util.Arrays.stream(numbers).summaryStatistics();
        double out = switch (a.fn()) {
            case AVG -> stats.getAverage();
            case MAX -> stats.getMax();
            case MIN -> stats.getMin();
            case SUM -> stats.getSum();
            case COUNT -> stats.getCount();
        };
        return DoubleNode.valueOf(out);
    }

    private static JsonNode geoFence(Metric.GeoFence g, JsonNode value) {
        JsonNode geo = value == null ? null : value.get("geo");
        if (geo == null || !geo.path("lat").isNumber() || !geo.path("lon").isNumber()) {
            return null;
        }
        double km =
                Values.distanceKm(geo.get("lat").doubleValue(), geo.get("lon").doubleValue(), g.lat(), g.lon());
        return BooleanNode.valueOf(km <= g.km());
    }

    /** {@code metric <operation> value}; a metric that is absent matches nothing. */
    static boolean matches(Condition.Expression e, JsonNode metric) {
        if (metric == null || metric.isNull()) {
            return false;
        }
        JsonNode v = e.value();
        if (e.operation() == null) {
            return metric.isBoolean() ? metric.booleanValue() : metric.isNumber() && metric.doubleValue() != 0;
        }
        return switch (e.operation()) {
            case EQ -> same(metric, v);
            case NEQ -> !same(metric, v);
            case LT -> ordered(metric, v, c -> c < 0);
            case LTE -> ordered(metric, v, c -> c <= 0);
            case GT -> ordered(metric, v, c -> c > 0);
            case GTE -> ordered(metric, v, c -> c >= 0);
            case MATCH -> Pattern.compile(v.textValue()).matcher(text(metric)).matches();
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        return a.equals(b);
    }

    /** Numbers compare as numbers; anything else never satisfies an ordering. */
    private static boolean ordered(JsonNode a, JsonNode b, IntPredicate holds) {
        return a.isNumber() && b.isNumber() && holds.test(Double.compare(a.doubleValue(), b.doubleValue()));
    }

    private static String text(JsonNode metric) {
        return metric.isTextual() ? metric.textValue() : metric.toString();
    }
}
