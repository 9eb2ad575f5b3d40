package io.thingstead.alerts;

import static io.thingstead.alerts.AlertFixture.alert;
import static io.thingstead.alerts.AlertFixture.condition;
import static io.thingstead.alerts.AlertFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.alerts.Condition.Operation;
import io.thingstead.alerts.Condition.Severity;
import io.thingstead.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Evaluator.History NO_HISTORY = (from, to) -> List.of();

    private final MutableClock clock = new MutableClock(NOW);
    private final Evaluator evaluator = new Evaluator(clock);

    private Evaluator.Outcome eval(Alert a, String value) {
        return eval(a, value, NOW, NO_HISTORY);
    }

    private Evaluator.Outcome eval(Alert a, String value, Instant time, Evaluator.History history) {
        return evaluator.evaluate(a, new Evaluator.Sample(json(value), null, time), history);
    }

    @ParameterizedTest(name = "{1} {0} {2} -> {3}")
    @CsvSource({
        "gt, 45.3, 45.2, true",
        "gt, 45.2, 45.2, false",
        "gte, 45.2, 45.2, true",
        "lt, 3, 4, true",
        "lte, 4, 4, true",
        "lte, 4.5, 4, false",
        "eq, 4, 4.0, true",
        "neq, 4, 4.0, false",
        "eq, '\"inactive\"', '\"inactive\"', true",
        "eq, '\"active\"', '\"inactive\"', false",
        "neq, '\"active\"', '\"inactive\"', true",
        "match, '\"inactive\"', '\"in.*\"', true",
        "match, '\"inactive\"', '\"act\"', false",
        "gt, '\"9\"', 4, false",
        "eq, true, true, true"
    })
    void valueMetric_comparesTheWrittenValue(String op, String written, String value, boolean matches) {
        Alert a = alert(
                "value", condition(Severity.WARNING, Operation.valueOf(op.toUpperCase(java.util.Locale.ROOT)), value));
        assertThat(eval(a, written).severity()).isEqualTo(matches ? Severity.WARNING : null);
    }

    @Test
    void withoutOperation_aNonZeroNumberOrTrueMatches() {
        Alert a = alert("value", condition(Severity.CRITICAL, null, null));
        assertThat(eval(a, "2").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(eval(a, "true").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(eval(a, "0").severity()).isNull();
        assertThat(eval(a, "false").severity()).isNull();
        assertThat(eval(a, "\"x\"").severity()).isNull();
    }

    @Test
    void severalMatch_theHighestSeverityWins_andNotificationIsReportedApart() {
        Alert a = alert(
                "value",
                condition(Severity.NOTIFICATION, Operation.GT, "0"),
                condition(Severity.CRITICAL, Operation.GT, "65.1"),
                condition(Severity.WARNING, Operation.GT, "45.2"));
        assertThat(eval(a, "70")).isEqualTo(new Evaluator.Outcome(json("70"), Severity.CRITICAL, true, false));
        assertThat(eval(a, "50").severity()).isEqualTo(Severity.WARNING);
        Evaluator.Outcome low = eval(a, "1");
        assertThat(low.severity()).isNull();
        assertThat(low.passThrough()).isTrue();
        assertThat(eval(a, "-1").passThrough()).isFalse();
    }

    @Test
    void aggregate_readsTheWindowEndingAtTheWrite() {
        List<Instant[]> asked = new ArrayList<>();
        Evaluator.History history = (from, to) -> {
            asked.add(new Instant[] {from, to});
            return List.of(
                    new Evaluator.Point(NOW.minusSeconds(60), json("10")),
                    new Evaluator.Point(NOW.minusSeconds(30), json("20")),
                    new Evaluator.Point(NOW, json("60")));
        };
        Alert avg = alert("avg(15min)", condition(Severity.WARNING, Operation.GT, "29"));
        Evaluator.Outcome out = eval(avg, "60", NOW, history);
        assertThat(out.metric().doubleValue()).isEqualTo(30.0);
        assertThat(out.severity()).isEqualTo(Severity.WARNING);
        assertThat(asked.get(0)).containsExactly(NOW.minus(Duration.ofMinutes(15)), NOW);
        assertThat(eval(alert("max(1h)", condition(Severity.WARNING, Operation.EQ, "60")), "60", NOW, history)
                        .severity())
                .isEqualTo(Severity.WARNING);
        assertThat(eval(alert("min(1h)"), "60", NOW, history).metric().doubleValue())
                .isEqualTo(10.0);
        assertThat(eval(alert("sum(1h)"), "60", NOW, history).metric().doubleValue())
                .isEqualTo(90.0);
        assertThat(eval(alert("count(1h)"), "60", NOW, history).metric().longValue())
                .isEqualTo(3);
    }

    @Test
    void aggregateOfNoNumbers_matchesNothing_butCountIsZero() {
        Alert avg = alert("avg(1h)", condition(Severity.WARNING, Operation.LT, "100"));
        assertThat(eval(avg, "1", NOW, NO_HISTORY).severity()).isNull();
        Alert count = alert("count(1h)", condition(Severity.WARNING, Operation.EQ, "0"));
        assertThat(eval(count, "1", NOW, NO_HISTORY).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void geoFence_isTrueInsideTheCircle() {
        Alert left = alert("geoFence(48.8566,2.3522,10)", condition(Severity.CRITICAL, Operation.EQ, "false"));
        assertThat(eval(left, "{\"geo\":{\"lat\":48.86,\"lon\":2.35}}").severity())
                .isNull();
        assertThat(eval(left, "{\"geo\":{\"lat\":51.5074,\"lon\":-0.1278}}").severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void pointOlderThanTheTtl_isNotEvaluated() {
        Alert a = alert("value", "30s", Alert.Status.ENABLED, condition(Severity.WARNING, Operation.GT, "1"));
        assertThat(eval(a, "5", NOW.minusSeconds(29), NO_HISTORY).severity()).isEqualTo(Severity.WARNING);
        clock.advance(Duration.ofSeconds(2));
        assertThat(eval(a, "5", NOW.minusSeconds(29), NO_HISTORY).skipped()).isTrue();
    }

    @Test
    void disabledAlert_isNotEvaluated() {
        Alert a = alert("value", null, Alert.Status.DISABLED, condition(Severity.WARNING, Operation.GT, "1"));
        assertThat(eval(a, "5")).isEqualTo(Evaluator.Outcome.SKIPPED);
    }
}
