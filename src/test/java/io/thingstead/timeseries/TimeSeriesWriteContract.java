package io.thingstead.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link TimeSeries} contract: {@code write}, {@code loadLatest}, {@code maintain} and {@code close}. */
public interface TimeSeriesWriteContract extends SeriesFixture {

    @Test
    default void writtenPoints_areReadAtOnce() {
        Stored a = point(TEMP, 1_000, 1);
        Stored b = point(TEMP, 2_000, 2);
        series().write(List.of(a, b), List.of(b), List.of());

        assertThat(values(history())).containsExactly(1.0, 2.0);
        assertThat(series().stats(DEV, TEMP).count()).isEqualTo(2);
        assertThat(series().aggregate(DEV, TEMP, 0, 10_000, 0, 10_000))
                .singleElement()
                .satisfies(bucket -> assertThat(bucket.sum()).isEqualTo(3.0));
    }

    @Test
    default void values_andMeta_areReadBackAsWritten() {
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("source", "mqtt");
        meta.putArray("tags").add("kitchen");
        ObjectNode reading = JsonNodeFactory.instance.objectNode().put("x", 1).put("label", "é \"q\"");
        List<DataPoint> written = List.of(
                new DataPoint(DEV, MODE, 1_000, TextNode.valueOf("eco"), meta),
                new DataPoint(DEV, MODE, 2_000, BooleanNode.TRUE, null),
                new DataPoint(DEV, MODE, 3_000, reading, meta),
                new DataPoint(DEV, MODE, 4_000, JsonNodeFactory.instance.numberNode(7), null));
        List<Stored> stored = written.stream().map(Stored::of).toList();
        series().write(stored, List.of(stored.get(3)), List.of());

        assertThat(series().history(DEV, MODE, 0, 10_000, 10, false)).containsExactlyElementsOf(written);
        assertThat(latestOf(MODE)).isEqualTo(written.get(3));
    }

    @Test
    default void aLaterPointOfTheSameMillisecond_replacesTheEarlierOne() {
        store(point(TEMP, 1_000, 1));
        store(point(TEMP, 1_000, 5));

        assertThat(values(history())).containsExactly(5.0);
        assertThat(latestOf(TEMP).value().doubleValue()).isEqualTo(5.0);
    }

    /** Enough rows that a store writing many rows per statement meets the same key twice in one. */
    @Test
    default void aKeyRepeatedInOneWrite_isAppliedInOrder() {
        List<Stored> history = new ArrayList<>();
        List<Stored> latest = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            history.add(point(TEMP, 1_000 + i, i));
            history.add(point(TEMP, 1_000 + i, 100 + i));
            latest.add(point(TEMP, 2_000 - i, 200 + i));
            latest.add(point(TEMP, 2_000, 300 + i));
        }
        series().write(history, latest, List.of());

        assertThat(values(history())).hasSize(12).startsWith(100.0).endsWith(111.0);
        assertThat(latestOf(TEMP).value().doubleValue()).isEqualTo(311.0);
    }

    @Test
    default void manyPointsOfOneSeries_keepTheirOrderWithEarlierOnes() {
        store(point(TEMP, 1_000, 1));
        List<Stored> feed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            feed.add(point(TEMP, 1_000 + i, 100 + i));
        }
        series().write(feed, List.of(feed.get(19)), List.of());

        List<Double> got = values(history());
        assertThat(got).hasSize(20);
        assertThat(got.get(0)).isEqualTo(100.0);
        assertThat(latestOf(TEMP).value().doubleValue()).isEqualTo(119.0);
    }

    @Test
    default void aDenseFeedOfANewSeries_isReadAtOnce_andItsLatestKept() {
        List<Stored> feed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            feed.add(point(TEMP, 5_000 + i, i));
        }
        series().write(feed, List.of(feed.get(49)), List.of());

        assertThat(values(history())).hasSize(50).startsWith(0.0).endsWith(49.0);
        assertThat(latestOf(TEMP).time()).isEqualTo(5_049);
    }

    @Test
    default void anOlderPoint_isHistoryButNotTheLatestValue() {
        store(point(TEMP, 5_000, 5));
        storeHistory(point(TEMP, 1_000, 1));

        assertThat(values(history())).containsExactly(1.0, 5.0);
        assertThat(latestOf(TEMP).time()).isEqualTo(5_000);
    }

    @Test
    default void anOlderLatestValue_leavesTheNewerOne_andOneOfTheSameTimeReplacesIt() {
        store(point(TEMP, 5_000, 5));
        series().write(List.of(), List.of(point(TEMP, 4_000, 4)), List.of());
        assertThat(latestOf(TEMP).value().doubleValue()).isEqualTo(5.0);

        series().write(List.of(), List.of(point(TEMP, 5_000, 6)), List.of());
        assertThat(latestOf(TEMP).value().doubleValue()).isEqualTo(6.0);
        assertThat(values(history())).containsExactly(5.0);
    }

    @Test
    default void aHistoryPointNotGivenAsLatest_neverBecomesTheLatestValue() {
        storeHistory(point(DEV, MODE, 9_000, TextNode.valueOf("eco")));
        store(point(TEMP, 1_000, 1));
        storeHistory(point(TEMP, 9_000, 9));

        assertThat(latestOf(MODE)).isNull();
        assertThat(latestOf(TEMP).time()).isEqualTo(1_000);
        assertThat(values(history())).containsExactly(1.0, 9.0);
    }

    @Test
    default void aLatestOnlyValue_isNoHistory() {
        series().write(List.of(), List.of(point(DEV, LAST_IN, 3_000, TextNode.valueOf("temperature"))), List.of());

        assertThat(series().history(DEV, LAST_IN, 0, Long.MAX_VALUE, 10, false)).isEmpty();
        assertThat(latestOf(LAST_IN).value().asText()).isEqualTo("temperature");
    }

    @Test
    default void aFailedWrite_storesNothing_andTheNextOneSucceeds() {
        storeLogs(log(7, DEV, "2026-01-01T00:00:00.000Z", "first"));
        Stored a = point(TEMP, 1_000, 1);

        assertThatThrownBy(() -> series().write(
                                List.of(a), List.of(a), List.of(log(7, DEV, "2026-01-01T00:00:01.000Z", "again"))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(history()).isEmpty();
        assertThat(latestOf(TEMP)).isNull();
        assertThat(series().logs(DEV, 0, 10)).extracting(LogEntry::message).containsExactly("first");
        store(a);
        assertThat(values(history())).containsExactly(1.0);
    }

    @Test
    default void loadLatest_holdsEverySeriesOfEveryDevice() {
        store(point(TEMP, 1_000, 1), point(OTHER_DEV, TEMP, 2_000, TextNode.valueOf("x")));
        series().write(List.of(), List.of(point(DEV, LAST_IN, 3_000, TextNode.valueOf("temperature"))), List.of());

        assertThat(series().loadLatest())
                .extracting(p -> p.deviceId() + "/" + p.propertyId() + "@" + p.time())
                .containsExactlyInAnyOrder(
                        DEV + "/" + TEMP + "@1000", OTHER_DEV + "/" + TEMP + "@2000", DEV + "/" + LAST_IN + "@3000");
    }

    @Test
    default void maintain_betweenAndAfterWrites_losesNothing() {
        for (int i = 0; i < 30; i++) {
            store(point("_dev_" + (100 + i), TEMP, 1_000 + i, TextNode.valueOf("v" + i)));
            series().maintain();
        }
        series().maintain();

        assertThat(series().loadLatest()).hasSize(30);
        assertThat(times("_dev_129", TEMP)).containsExactly(1_029L);
    }

    @Test
    default void acknowledgedPoints_surviveACrash() {
        Stored a = point(TEMP, 1_000, 1);
        Stored lastIn = point(DEV, LAST_IN, 1_000, TextNode.valueOf("temperature"));
        series().write(List.of(a), List.of(a, lastIn), List.of(log(3, DEV, "2026-01-01T00:00:00Z", "kept")));

        // No close, no merge: the process is gone as far as the store knows.
        TimeSeries after = reopened();
        try {
            assertThat(after.loadLatest()).extracting(DataPoint::propertyId).containsExactlyInAnyOrder(TEMP, LAST_IN);
            assertThat(values(after.history(DEV, TEMP, 0, Long.MAX_VALUE, 10, false)))
                    .containsExactly(1.0);
            assertThat(after.maxLogId()).isEqualTo(3);
        } finally {
            after.close();
        }
    }

    @Test
    default void closing_keepsWhatWasWritten() {
        store(point(TEMP, 1_000, 1), point(OTHER_DEV, TEMP, 1_000, TextNode.valueOf("x")));

        series().close();

        TimeSeries after = reopened();
        try {
            assertThat(after.loadLatest()).hasSize(2);
            assertThat(after.history(DEV, TEMP, 0, Long.MAX_VALUE, 10, false)).hasSize(1);
        } finally {
            after.close();
        }
    }
}
