package io.thingstead.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/**
 * The {@link TimeSeries} contract for removing data and for device logs: the purges, {@code
 * deleteDevice}, {@code deleteProperty}, {@code logs}, {@code countLogs} and {@code maxLogId}.
 */
public interface TimeSeriesDeleteContract extends SeriesFixture {

    /** Points at 1 to 5 s of DEV's and OTHER_DEV's TEMP and of DEV's MODE, each also the latest value. */
    private void fivePointsEach() {
        for (int i = 1; i <= 5; i++) {
            store(
                    point(TEMP, i * 1_000L, i),
                    point(OTHER_DEV, TEMP, i * 1_000L, TextNode.valueOf("o" + i)),
                    point(DEV, MODE, i * 1_000L, TextNode.valueOf("m" + i)));
        }
    }

    @Test
    default void purgeBefore_deletesOlderPointsOfThatSeriesOnly_andKeepsTheLatestValue() {
        fivePointsEach();

        assertThat(series().purgeBefore(DEV, TEMP, 3_000)).isEqualTo(2);

        assertThat(times(DEV, TEMP)).containsExactly(3_000L, 4_000L, 5_000L);
        assertThat(times(OTHER_DEV, TEMP)).hasSize(5);
        assertThat(times(DEV, MODE)).hasSize(5);
        assertThat(series().purgeBefore(DEV, TEMP, 3_000)).isZero();
        assertThat(series().purgeBefore(DEV, TEMP, 10_000)).isEqualTo(3);
        assertThat(latestOf(TEMP).time()).isEqualTo(5_000);
    }

    @Test
    default void purgeAllBefore_deletesOlderPointsOfThePropertyForEveryDevice() {
        fivePointsEach();

        assertThat(series().purgeAllBefore(TEMP, 4_000)).isEqualTo(6);

        assertThat(times(DEV, TEMP)).containsExactly(4_000L, 5_000L);
        assertThat(times(OTHER_DEV, TEMP)).containsExactly(4_000L, 5_000L);
        assertThat(times(DEV, MODE)).hasSize(5);
        assertThat(series().loadLatest()).hasSize(3);
    }

    @Test
    default void purgeBeyond_keepsTheNewestPoints_upToTheCapacity() {
        fivePointsEach();

        assertThat(series().purgeBeyond(DEV, TEMP, 10)).isZero();
        assertThat(series().purgeBeyond(DEV, TEMP, 5)).isZero();
        assertThat(series().purgeBeyond(DEV, TEMP, 2)).isEqualTo(3);

        assertThat(times(DEV, TEMP)).containsExactly(4_000L, 5_000L);
        assertThat(series().purgeBeyond(DEV, TEMP, 1)).isEqualTo(1);
        assertThat(times(DEV, TEMP)).containsExactly(5_000L);
        assertThat(times(OTHER_DEV, TEMP)).hasSize(5);
        assertThat(series().purgeBeyond(DEV, LAST_IN, 1)).isZero();
    }

    @Test
    default void deleteDevice_deletesItsPointsLatestValuesAndLogs_only() {
        fivePointsEach();
        storeLogs(
                log(1, DEV, "2026-01-01T00:00:00.000Z", "mine"),
                log(2, OTHER_DEV, "2026-01-01T00:00:00.000Z", "theirs"));

        series().deleteDevice(DEV);

        assertThat(times(DEV, TEMP)).isEmpty();
        assertThat(times(DEV, MODE)).isEmpty();
        assertThat(series().loadLatest()).extracting(DataPoint::deviceId).containsExactly(OTHER_DEV);
        assertThat(series().countLogs(DEV)).isZero();
        assertThat(times(OTHER_DEV, TEMP)).hasSize(5);
        assertThat(series().logs(OTHER_DEV, 0, 10))
                .extracting(LogEntry::message)
                .containsExactly("theirs");
    }

    @Test
    default void deleteProperty_deletesItsPointsAndLatestValuesForEveryDevice_andKeepsLogs() {
        fivePointsEach();
        storeLogs(log(1, DEV, "2026-01-01T00:00:00.000Z", "kept"));

        series().deleteProperty(TEMP);

        assertThat(times(DEV, TEMP)).isEmpty();
        assertThat(times(OTHER_DEV, TEMP)).isEmpty();
        assertThat(series().loadLatest()).extracting(DataPoint::propertyId).containsExactly(MODE);
        assertThat(times(DEV, MODE)).hasSize(5);
        assertThat(series().countLogs(DEV)).isEqualTo(1);
    }

    @Test
    default void logs_newestFirst_pagedByOffsetAndLimit_withEveryField() {
        storeLogs(
                log(5, DEV, "2026-01-01T00:00:00Z", "first"),
                log(9, OTHER_DEV, "2026-01-01T00:00:01.000Z", "elsewhere"),
                new LogEntry("_log_12", DEV, "2026-01-01T00:00:02.5Z", LogLevel.ERROR, "active", "second"));
        storeLogs(log(20, DEV, "2026-01-01T00:00:03.123Z", "third"));

        assertThat(series().logs(DEV, 0, 10)).extracting(LogEntry::message).containsExactly("third", "second", "first");
        assertThat(series().logs(DEV, 1, 1))
                .containsExactly(
                        new LogEntry("_log_12", DEV, "2026-01-01T00:00:02.500Z", LogLevel.ERROR, "active", "second"));
        assertThat(series().logs(DEV, 2, 10))
                .containsExactly(
                        new LogEntry("_log_5", DEV, "2026-01-01T00:00:00.000Z", LogLevel.WARNING, "data", "first"));
        assertThat(series().logs(DEV, 3, 10)).isEmpty();
        assertThat(series().logs(DEV, 0, 0)).isEmpty();
    }

    @Test
    default void countLogs_countsOneDevice_andMaxLogId_theHighestIdOfAll() {
        assertThat(series().maxLogId()).isZero();
        assertThat(series().countLogs(DEV)).isZero();

        storeLogs(
                log(41, OTHER_DEV, "2026-01-01T00:00:00Z", "a"),
                log(3, DEV, "2026-01-01T00:00:00Z", "b"),
                log(4, DEV, "2026-01-01T00:00:00Z", "c"));

        assertThat(series().countLogs(DEV)).isEqualTo(2);
        assertThat(series().countLogs(OTHER_DEV)).isEqualTo(1);
        assertThat(series().maxLogId()).isEqualTo(41);
    }
}
