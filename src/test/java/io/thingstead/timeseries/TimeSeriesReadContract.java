package io.thingstead.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.thingstead.timeseries.TimeSeries.Bucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link TimeSeries} contract for reading a series: {@code history}, {@code nthTime}, {@code
 * aggregate}, {@code bucketValues}, {@code storedTimes} and {@code stats}. Values sum exactly in binary, so that every
 * store's sums agree to the last bit.
 */
public interface TimeSeriesReadContract extends SeriesFixture {

    /** DEV's TEMP at 1, 2, ... 6 s with the values 10, 20, ... 60, and a neighbour in another series each side. */
    private void sixPoints() {
        List<Stored> points = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            points.add(point(TEMP, i * 1_000L, i * 10));
        }
        points.add(point(OTHER_DEV, TEMP, 3_000, BooleanNode.TRUE));
        points.add(point(DEV, MODE, 3_000, TextNode.valueOf("eco")));
        series().write(points, List.of(), List.of());
    }

    @Test
    default void history_readsFromInclusiveToExclusive_inEitherOrder_upToTheLimit() {
        sixPoints();

        assertThat(values(series().history(DEV, TEMP, 2_000, 5_000, 10, false))).containsExactly(20.0, 30.0, 40.0);
        assertThat(values(series().history(DEV, TEMP, 2_000, 5_000, 10, true))).containsExactly(40.0, 30.0, 20.0);
        assertThat(values(series().history(DEV, TEMP, 0, 10_000, 2, false))).containsExactly(10.0, 20.0);
        assertThat(values(series().history(DEV, TEMP, 0, 10_000, 2, true))).containsExactly(60.0, 50.0);
        assertThat(series().history(DEV, TEMP, 0, 10_000, 0, false)).isEmpty();
        assertThat(series().history(DEV, TEMP, 5_000, 5_000, 10, false)).isEmpty();
        assertThat(series().history(DEV, TEMP, 6_000, 1_000, 10, false)).isEmpty();
        assertThat(series().history("_dev_999", TEMP, 0, 10_000, 10, false)).isEmpty();
    }

    @Test
    default void history_reachesPointsBefore1970_andAtTheEndOfTime() {
        storeHistory(point(TEMP, -5_000, -5), point(TEMP, Long.MAX_VALUE - 1, 1));

        assertThat(values(series().history(DEV, TEMP, Long.MIN_VALUE, Long.MAX_VALUE, 10, false)))
                .containsExactly(-5.0, 1.0);
        assertThat(values(series().history(DEV, TEMP, Long.MIN_VALUE, 0, 10, false)))
                .containsExactly(-5.0);
    }

    @Test
    default void nthTime_countsInTheGivenOrder_withinTheRange_andIsNullBeyond() {
        sixPoints();

        assertThat(series().nthTime(DEV, TEMP, 0, 10_000, 0, false)).isEqualTo(1_000L);
        assertThat(series().nthTime(DEV, TEMP, 0, 10_000, 2, false)).isEqualTo(3_000L);
        assertThat(series().nthTime(DEV, TEMP, 0, 10_000, 0, true)).isEqualTo(6_000L);
        assertThat(series().nthTime(DEV, TEMP, 2_000, 5_000, 1, true)).isEqualTo(3_000L);
        assertThat(series().nthTime(DEV, TEMP, 2_000, 5_000, 3, false)).isNull();
        assertThat(series().nthTime(DEV, LAST_IN, Long.MIN_VALUE, Long.MAX_VALUE, 0, false))
                .isNull();
    }

    @Test
    default void aggregate_summarisesEachBucketWithPoints_inOrder() {
        sixPoints();

        // Buckets of 2 s from 1 s: [1, 3) [3, 5) [5, 7); the range starts at 2 s.
        assertThat(series().aggregate(DEV, TEMP, 2_000, 7_000, 1_000, 2_000))
                .containsExactly(
                        new Bucket(0, 1, 20.0, 20.0, 20.0, 400.0, 2_000, "20.0", 2_000, "20.0"),
                        new Bucket(1, 2, 70.0, 30.0, 40.0, 2_500.0, 3_000, "30.0", 4_000, "40.0"),
                        new Bucket(2, 2, 110.0, 50.0, 60.0, 6_100.0, 5_000, "50.0", 6_000, "60.0"));
    }

    @Test
    default void aggregate_leavesEmptyBucketsOut_andReadsNothingOutsideTheRange() {
        storeHistory(point(TEMP, 1_000, 1), point(TEMP, 9_000, 9), point(TEMP, 20_000, 20));

        assertThat(series().aggregate(DEV, TEMP, 0, 10_000, 0, 1_000))
                .extracting(Bucket::index, Bucket::count)
                .containsExactly(tuple(1L, 1L), tuple(9L, 1L));
        assertThat(series().aggregate(DEV, LAST_IN, 0, 10_000, 0, 1_000)).isEmpty();
    }

    @Test
    default void aggregate_ofTextValues_countsThem_withoutNumbers_andBooleansCountAsOneOrZero() {
        storeHistory(
                point(DEV, MODE, 1_000, TextNode.valueOf("eco")),
                point(DEV, MODE, 2_000, TextNode.valueOf("boost")),
                point(DEV, LAST_IN, 1_000, BooleanNode.TRUE),
                point(DEV, LAST_IN, 2_000, BooleanNode.FALSE),
                point(DEV, LAST_IN, 3_000, BooleanNode.TRUE));

        assertThat(series().aggregate(DEV, MODE, 0, 10_000, 0, 10_000))
                .containsExactly(new Bucket(0, 2, null, null, null, null, 1_000, "\"eco\"", 2_000, "\"boost\""));
        assertThat(series().aggregate(DEV, LAST_IN, 0, 10_000, 0, 10_000))
                .containsExactly(new Bucket(0, 3, 2.0, 0.0, 1.0, 2.0, 1_000, "true", 3_000, "true"));
    }

    @Test
    default void bucketValues_streamsEachBucketsNumbersSorted_bucketsInOrder() {
        storeHistory(
                point(TEMP, 1_000, 30),
                point(TEMP, 1_500, 10),
                point(TEMP, 1_900, 20),
                point(TEMP, 4_000, 5),
                point(TEMP, 9_000, 99));
        List<String> got = new ArrayList<>();

        series().bucketValues(
                        DEV,
                        TEMP,
                        1_000,
                        9_000,
                        0,
                        2_000,
                        (index, sorted) -> got.add(index + ":" + Arrays.toString(sorted)));

        assertThat(got).containsExactly("0:[10.0, 20.0, 30.0]", "2:[5.0]");
    }

    @Test
    default void bucketValues_skipsValuesWithoutANumber() {
        storeHistory(
                point(DEV, MODE, 1_000, TextNode.valueOf("eco")),
                point(DEV, MODE, 3_000, BooleanNode.FALSE),
                point(DEV, MODE, 3_500, TextNode.valueOf("boost")));
        List<String> got = new ArrayList<>();

        series().bucketValues(
                        DEV,
                        MODE,
                        0,
                        10_000,
                        0,
                        2_000,
                        (index, sorted) -> got.add(index + ":" + Arrays.toString(sorted)));

        assertThat(got).containsExactly("1:[0.0]");
    }

    @Test
    default void storedTimes_areTheGivenTimesThatTheSeriesHolds_andNoOthers() {
        sixPoints();

        assertThat(series().storedTimes(DEV, TEMP, List.of(500L, 1_000L, 3_000L, 3_500L, 6_000L)))
                .containsExactlyInAnyOrder(1_000L, 3_000L, 6_000L);
        assertThat(series().storedTimes(OTHER_DEV, TEMP, List.of(1_000L, 3_000L)))
                .containsExactly(3_000L);
        assertThat(series().storedTimes(DEV, TEMP, List.of())).isEmpty();
        assertThat(series().storedTimes("_dev_999", TEMP, List.of(1_000L))).isEmpty();
    }

    @Test
    default void stats_coverEveryPointOfTheSeries() {
        sixPoints();
        storeHistory(point(TEMP, -1_000, -10));

        assertThat(series().stats(DEV, TEMP)).isEqualTo(new Bucket(0, 7, 200.0, -10.0, 60.0, null, 0, null, 0, null));
        assertThat(series().stats(DEV, MODE)).isEqualTo(new Bucket(0, 1, null, null, null, null, 0, null, 0, null));
        assertThat(series().stats(DEV, LAST_IN)).isEqualTo(new Bucket(0, 0, null, null, null, null, 0, null, 0, null));
    }

    @Test
    default void readsOfOneSeries_neverSeeAnother() {
        sixPoints();

        assertThat(times(OTHER_DEV, TEMP)).containsExactly(3_000L);
        assertThat(times(DEV, MODE)).containsExactly(3_000L);
        assertThat(series().stats(OTHER_DEV, TEMP).sum()).isEqualTo(1.0);
    }

    @Test
    default void countsBelowTheirMinimum_areRefused() {
        sixPoints();

        assertThatThrownBy(() -> series().history(DEV, TEMP, 0, 10_000, -1, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> series().nthTime(DEV, TEMP, 0, 10_000, -1, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> series().aggregate(DEV, TEMP, 0, 10_000, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> series().bucketValues(DEV, TEMP, 0, 10_000, 0, 0, (i, v) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> series().purgeBeyond(DEV, TEMP, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> series().logs(DEV, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> series().logs(DEV, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(times(DEV, TEMP)).hasSize(6);
    }
}
