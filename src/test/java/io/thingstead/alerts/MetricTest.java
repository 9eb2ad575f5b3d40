package io.thingstead.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricTest {
    @Test
    void valueAndAbsent_areTheWrittenValue() {
        assertThat(Metric.parse("metric", null)).isEqualTo(new Metric.Value());
        assertThat(Metric.parse("metric", " Value ")).isEqualTo(new Metric.Value());
    }

    @ParameterizedTest
    @CsvSource({
        "avg(16min), AVG, PT16M",
        "max(2d), MAX, P2D",
        "MIN( 30s ), MIN, PT30S",
        "sum(1h), SUM, PT1H",
        "count(500ms), COUNT, PT0.5S",
        "'avg(1 minute)', AVG, PT1M",
        "'count(2 weeks)', COUNT, P14D"
    })
    void aggregates_parseTheirFunctionAndWindow(String text, Metric.Function fn, String window) {
        assertThat(Metric.parse("metric", text)).isEqualTo(new Metric.Aggregate(fn, Duration.parse(window)));
    }

    @Test
    void geoFence_parsesCentreAndRadius() {
        assertThat(Metric.parse("metric", "geoFence(34.7587, -49.9999, 50)"))
                .isEqualTo(new Metric.GeoFence(34.7587, -49.9999, 50));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "values",
                "avg",
                "avg()",
                "avg(0s)",
                "avg(5 fortnights)",
                "median(5min)",
                "avg(5min",
                "geoFence(91,0,1)",
                "geoFence(0,181,1)",
                "geoFence(0,0,0)",
                "geoFence(0,0)",
                "avg(99999999999d)"
            })
    void badMetrics_areRefusedNamingTheField(String text) {
        assertThatThrownBy(() -> Metric.parse("metric", text))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("'metric'");
    }
}
