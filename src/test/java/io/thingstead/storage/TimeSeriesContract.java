package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.Stored;
import io.thingstead.timeseries.TimeSeries;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TimeSeries} store must do on its write path, whatever it does inside (SQLite
 * stages points before merging them; PostgreSQL writes them in place); one subclass per database.
 */
abstract class TimeSeriesContract {
    static final String DEV = "_dev_11";
    static final String TEMP = "_prp_21";
    static final String LAST_IN = "_prp_22";

    protected Database db;
    protected TimeSeries series;

    protected abstract Database open();

    /** The same store opened again, as after a crash of the process that held {@code series}. */
    protected abstract Database reopen();

    @BeforeEach
    void openStore() {
        db = open();
        series = new SqlTimeSeries(db);
    }

    @AfterEach
    void closeStore() {
        series.close();
        db.close();
    }

    static Stored point(String prop, long time, double value) {
        return Stored.of(new DataPoint(DEV, prop, time, DoubleNode.valueOf(value), null));
    }

    static List<Double> values(List<DataPoint> points) {
        return points.stream().map(p -> p.value().doubleValue()).toList();
    }

    List<DataPoint> history() {
        return series.history(DEV, TEMP, 0, Long.MAX_VALUE, 100, false);
    }

    @Test
    void writtenPoints_areReadAtOnce() {
        Stored a = point(TEMP, 1_000, 1);
        Stored b = point(TEMP, 2_000, 2);
        series.write(List.of(a, b), List.of(b), List.of());

        assertThat(values(history())).containsExactly(1.0, 2.0);
        assertThat(series.stats(DEV, TEMP).count()).isEqualTo(2);
        assertThat(series.aggregate(DEV, TEMP, 0, 10_000, 0, 10_000))
                .singleElement()
                .satisfies(bucket -> assertThat(bucket.sum()).isEqualTo(3.0));
    }

    @Test
    void aLaterPointOfTheSameMillisecond_replacesTheEarlierOne() {
        Stored first = point(TEMP, 1_000, 1);
        series.write(List.of(first), List.of(first), List.of());
        Stored second = point(TEMP, 1_000, 5);
        series.write(List.of(second), List.of(second), List.of());

        assertThat(values(history())).containsExactly(5.0);
        assertThat(latestOf(TEMP).value().doubleValue()).isEqualTo(5.0);
    }

    @Test
    void manyPointsOfOneSeries_keepTheirOrderWithEarlierOnes() {
        Stored early = point(TEMP, 1_000, 1);
        series.write(List.of(early), List.of(early), List.of());
        List<Stored> feed = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            feed.add(point(TEMP, 1_000 + i, 100 + i));
        }
        series.write(feed, List.of(feed.get(19)), List.of());

        List<Double> got = values(history());
        assertThat(got).hasSize(20);
        assertThat(got.get(0)).isEqualTo(100.0);
        assertThat(latestOf(TEMP).value().doubleValue()).isEqualTo(119.0);
    }

    @Test
    void aDenseFeedOfANewSeries_isReadAtOnce_andItsLatestKept() {
        List<Stored> feed = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            feed.add(point(TEMP, 5_000 + i, i));
        }
        series.write(feed, List.of(feed.get(49)), List.of());

        assertThat(values(history())).hasSize(50).startsWith(0.0).endsWith(49.0);
        assertThat(latestOf(TEMP).time()).isEqualTo(5_049);
    }

    @Test
    void anOlderPoint_isHistoryButNotTheLatestValue() {
        Stored now = point(TEMP, 5_000, 5);
        series.write(List.of(now), List.of(now), List.of());
        Stored backfill = point(TEMP, 1_000, 1);
        series.write(List.of(backfill), List.of(), List.of());

        assertThat(values(history())).containsExactly(1.0, 5.0);
        assertThat(latestOf(TEMP).time()).isEqualTo(5_000);
    }

    @Test
    void aLatestOnlyValue_isNoHistory() {
        Stored lastIn = Stored.of(new DataPoint(DEV, LAST_IN, 3_000, TextNode.valueOf("temperature"), null));
        series.write(List.of(), List.of(lastIn), List.of());

        assertThat(series.history(DEV, LAST_IN, 0, Long.MAX_VALUE, 10, false)).isEmpty();
        assertThat(latestOf(LAST_IN).value().asText()).isEqualTo("temperature");
    }

    @Test
    void acknowledgedPoints_surviveACrash() {
        Stored a = point(TEMP, 1_000, 1);
        Stored lastIn = Stored.of(new DataPoint(DEV, LAST_IN, 1_000, TextNode.valueOf("temperature"), null));
        series.write(List.of(a), List.of(a, lastIn), List.of());

        // No close, no merge: the process is gone as far as the store knows.
        try (Database again = reopen()) {
            TimeSeries after = new SqlTimeSeries(again);
            assertThat(after.loadLatest()).extracting(DataPoint::propertyId).containsExactlyInAnyOrder(TEMP, LAST_IN);
            assertThat(values(after.history(DEV, TEMP, 0, Long.MAX_VALUE, 10, false)))
                    .containsExactly(1.0);
            after.close();
        }
    }

    @Test
    void deletingADevice_deletesItsNewestPointsToo() {
        Stored a = point(TEMP, 1_000, 1);
        series.write(List.of(a), List.of(a), List.of());

        series.deleteDevice(DEV);

        assertThat(history()).isEmpty();
        assertThat(series.loadLatest()).isEmpty();
    }

    DataPoint latestOf(String prop) {
        return series.loadLatest().stream()
                .filter(p -> p.propertyId().equals(prop))
                .findFirst()
                .orElseThrow();
    }
}
