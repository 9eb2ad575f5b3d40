package io.thingstead.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.thingstead.testing.Http;
import io.thingstead.testing.InMemoryTimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Queries run on the in-memory store: raw reads, database buckets, and aggregators chained in memory. */
class QueryRunnerTest {
    private static final String DEV = "_dev_11";
    private static final String TEMP = "_prp_21";
    private static final long T0 = Instant.parse("2026-11-28T00:00:00Z").toEpochMilli();
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    private final InMemoryTimeSeries series = new InMemoryTimeSeries();
    private final QueryRunner runner = new QueryRunner(series);

    /** Writes {@code (minutes after T0, value)} pairs as DEV's TEMP, each with the given source. */
    private void store(String source, double... minutesAndValues) {
        List<Stored> points = new ArrayList<>();
        for (int i = 0; i < minutesAndValues.length; i += 2) {
            var meta = source == null
                    ? null
                    : JsonNodeFactory.instance.objectNode().put("source", source);
            points.add(Stored.of(new DataPoint(
                    DEV,
                    TEMP,
                    T0 + (long) minutesAndValues[i] * MIN,
                    DoubleNode.valueOf(minutesAndValues[i + 1]),
                    meta)));
        }
        series.write(points, List.of(), List.of());
    }

    private void store(double... minutesAndValues) {
        store(null, minutesAndValues);
    }

    private QueryRunner.Result run(String query) {
        return runner.run(DEV, TEMP, DataQuery.parse(Http.json(query), NOW));
    }

    private static List<Long> minutes(QueryRunner.Result r) {
        return r.values().stream().map(s -> (s.t() - T0) / MIN).toList();
    }

    private static List<Double> values(QueryRunner.Result r) {
        return r.values().stream().map(s -> s.v().doubleValue()).toList();
    }

    @Test
    void aRawQuery_readsThePointsInOrder_upToTheLimit() {
        store(0, 1, 10, 2, 20, 3, 30, 4);

        QueryRunner.Result asc = run("{'limit':3}");
        QueryRunner.Result desc = run("{'limit':2,'order':'desc'}");

        assertThat(values(asc)).containsExactly(1.0, 2.0, 3.0);
        assertThat(asc.sampleSize()).isEqualTo(3);
        assertThat(asc.raw()).hasSize(3);
        assertThat(values(desc)).containsExactly(4.0, 3.0);
    }

    @Test
    void aRawQuery_keepsToItsRange_withTheEndInclusive() {
        store(0, 1, 10, 2, 20, 3, 30, 4);

        QueryRunner.Result r = run("{'startAbsolute':" + (T0 + 10 * MIN) + ",'endAbsolute':" + (T0 + 20 * MIN) + "}");

        assertThat(minutes(r)).containsExactly(10L, 20L);
    }

    @Test
    void aSourceFilter_countsTheLimitInMatchingPoints() {
        store("object", 0, 1, 1, 2);
        store("external_client", 2, 3, 3, 4);
        store("object", 4, 5);

        QueryRunner.Result r = run("{'attributes':{'source':['object']},'limit':3,'order':'desc'}");

        assertThat(values(r)).containsExactly(5.0, 2.0, 1.0);
    }

    @Test
    void avgPerHour_aligned_givesOneValuePerBucket_atTheBucketStart() {
        store(0, 10, 30, 20, 59, 30, 60, 100, 150, 7, 170, 9);

        QueryRunner.Result r =
                run("{'aggregators':[{'name':'avg','sampling':{'value':1,'unit':'hours'},'alignSampling':true}]}");

        assertThat(minutes(r)).containsExactly(0L, 60L, 120L);
        assertThat(values(r)).containsExactly(20.0, 100.0, 8.0);
        assertThat(r.sampleSize()).isEqualTo(6);
        assertThat(r.raw()).isNull();
    }

    @Test
    void eachReduction_overTheWholeRange_withoutSampling() {
        store(0, 4, 10, 2, 20, 9, 30, 5);

        assertThat(values(run("{'aggregators':[{'name':'count'}]}"))).containsExactly(4.0);
        assertThat(values(run("{'aggregators':[{'name':'sum'}]}"))).containsExactly(20.0);
        assertThat(values(run("{'aggregators':[{'name':'min'}]}"))).containsExactly(2.0);
        assertThat(values(run("{'aggregators':[{'name':'max'}]}"))).containsExactly(9.0);
        assertThat(values(run("{'aggregators':[{'name':'first'}]}"))).containsExactly(4.0);
        assertThat(values(run("{'aggregators':[{'name':'last'}]}"))).containsExactly(5.0);
        assertThat(values(run("{'aggregators':[{'name':'dev'}]}")).get(0)).isCloseTo(2.9439, within(1e-4));
        assertThat(values(run("{'aggregators':[{'name':'percentile','percentile':0.5}]}")))
                .containsExactly(4.5);
    }

    @Test
    void percentilePerBucket_interpolatesBetweenTheSortedValues() {
        store(0, 1, 10, 2, 20, 3, 30, 4, 60, 10, 70, 20);

        QueryRunner.Result r = run("{'aggregators':[{'name':'percentile','percentile':0.75,"
                + "'sampling':{'value':1,'unit':'hours'},'alignSampling':true}]}");

        assertThat(minutes(r)).containsExactly(0L, 60L);
        assertThat(values(r)).containsExactly(3.25, 17.5);
    }

    @Test
    void aggregatorsAfterTheFirst_workOnItsSamples() {
        store(0, 10, 30, 20, 60, 40, 90, 60, 120, 50);

        QueryRunner.Result diff = run("{'aggregators':[{'name':'avg','sampling':{'value':1,'unit':'hours'},"
                + "'alignSampling':true},{'name':'diff'}]}");
        QueryRunner.Result scaled = run("{'aggregators':[{'name':'max','sampling':{'value':1,'unit':'hours'},"
                + "'alignSampling':true},{'name':'scale','factor':0.5}]}");

        assertThat(minutes(diff)).containsExactly(60L, 120L);
        assertThat(values(diff)).containsExactly(35.0, 0.0);
        assertThat(values(scaled)).containsExactly(10.0, 30.0, 25.0);
    }

    @Test
    void rate_isTheChangePerUnitOfTime() {
        store(0, 0, 1, 60, 3, 60);

        QueryRunner.Result perMinute = run("{'aggregators':[{'name':'rate','unit':'minutes'}]}");

        assertThat(minutes(perMinute)).containsExactly(1L, 3L);
        assertThat(values(perMinute)).containsExactly(60.0, 0.0);
    }

    @Test
    void aLimitWithAggregators_aggregatesOnlyTheFirstPointsOfTheRange() {
        store(0, 1, 10, 2, 20, 3, 30, 4);

        assertThat(values(run("{'limit':2,'aggregators':[{'name':'sum'}]}"))).containsExactly(3.0);
        assertThat(values(run("{'limit':2,'order':'desc','aggregators':[{'name':'sum'}]}")))
                .containsExactly(7.0);
    }

    @Test
    void aDescendingAggregation_givesTheNewestBucketFirst() {
        store(0, 1, 60, 2, 120, 3);

        QueryRunner.Result r = run("{'order':'desc','aggregators':[{'name':'count',"
                + "'sampling':{'value':1,'unit':'hours'},'alignSampling':true}]}");

        assertThat(minutes(r)).containsExactly(120L, 60L, 0L);
    }

    @Test
    void anEmptySeries_hasNoValues_rawOrAggregated() {
        assertThat(run("{}").values()).isEmpty();
        assertThat(run("{}").sampleSize()).isZero();
        assertThat(run("{'aggregators':[{'name':'avg','sampling':{'value':1,'unit':'hours'}}]}")
                        .values())
                .isEmpty();
    }

    @Test
    void theLatestValueAlone_isTheSeriesOfAPropertyWithoutHistory() {
        DataPoint latest = new DataPoint(DEV, TEMP, T0 + HOUR, DoubleNode.valueOf(7), null);

        QueryRunner.Result raw = runner.runOnLatest(latest, DataQuery.parse(Http.json("{}"), NOW));
        QueryRunner.Result scaled = runner.runOnLatest(
                latest, DataQuery.parse(Http.json("{'aggregators':[{'name':'scale','factor':2}]}"), NOW));
        QueryRunner.Result before =
                runner.runOnLatest(latest, DataQuery.parse(Http.json("{'endAbsolute':" + T0 + "}"), NOW));

        assertThat(raw.raw()).containsExactly(latest);
        assertThat(values(scaled)).containsExactly(14.0);
        assertThat(before.values()).isEmpty();
        assertThat(before.sampleSize()).isZero();
        assertThat(runner.runOnLatest(null, DataQuery.parse(Http.json("{}"), NOW))
                        .values())
                .isEmpty();
    }

    @Test
    void nonNumericValues_countAndKeepTheirFirstAndLast_butAddNothing() {
        JsonNode on = Http.json("'on'");
        JsonNode off = Http.json("'off'");
        series.write(
                List.of(
                        Stored.of(new DataPoint(DEV, TEMP, T0, on, null)),
                        Stored.of(new DataPoint(DEV, TEMP, T0 + MIN, off, null))),
                List.of(),
                List.of());

        assertThat(run("{'aggregators':[{'name':'count'}]}").values().get(0).v().intValue())
                .isEqualTo(2);
        assertThat(run("{'aggregators':[{'name':'last'}]}").values().get(0).v()).isEqualTo(off);
        assertThat(run("{'aggregators':[{'name':'sum'}]}").values()).isEmpty();
    }
}
