package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.Stored;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTimeSeriesTest extends SqlTimeSeriesContract {
    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.open("embedded", dir);
    }

    @Override
    protected Database reopenDatabase() {
        return openDatabase();
    }

    long staged() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + Database.stagingFile(dir));
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM staged_point")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void pointsAreStaged_thenMergedOnceEnoughHaveGathered() throws SQLException {
        // One point per device, as from many devices at once: nothing dense enough to write in place.
        List<Stored> some = new ArrayList<>();
        for (int i = 0; i < StagingWriter.MERGE_ROWS - 1; i++) {
            some.add(Stored.of(new DataPoint("_dev_" + (1000 + i), TEMP, 1_000, DoubleNode.valueOf(i), null)));
        }
        series.write(some, List.of(), List.of());
        assertThat(staged()).isEqualTo(StagingWriter.MERGE_ROWS - 1);

        Stored last = point(TEMP, 1_000, 1);
        series.write(List.of(last), List.of(last), List.of());
        series.maintain();

        // The merger thread merges them, apart from the writer.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(staged()).isZero());
        assertThat(series.stats("_dev_1000", TEMP).count()).isEqualTo(1);
        assertThat(series.stats(DEV, TEMP).count()).isEqualTo(1);
    }

    @Test
    void storedTimes_findsStagedPoints_withoutMergingThem() throws SQLException {
        Stored staged = point(TEMP, 1_000, 1);
        Stored other = Stored.of(new DataPoint("_dev_99", TEMP, 2_000, DoubleNode.valueOf(2), null));
        series.write(List.of(staged, other), List.of(staged, other), List.of());

        assertThat(series.storedTimes(DEV, TEMP, List.of(1_000L, 2_000L))).containsExactly(1_000L);
        assertThat(series.storedTimes("_dev_99", TEMP, List.of(1_000L, 2_000L))).containsExactly(2_000L);
        assertThat(staged()).isEqualTo(2); // still staged: looking up did not merge

        series.loadLatest(); // merges everything staged first
        assertThat(staged()).isZero();
        assertThat(series.storedTimes(DEV, TEMP, List.of(1_000L, 2_000L))).containsExactly(1_000L);
    }

    @Test
    void aDenseSeries_isWrittenInPlace_notStaged() throws SQLException {
        List<Stored> feed = new ArrayList<>();
        for (int i = 0; i < StagingWriter.DENSE; i++) {
            feed.add(point(TEMP, 1_000 + i, i));
        }
        series.write(feed, List.of(feed.get(feed.size() - 1)), List.of());

        assertThat(staged()).isEqualTo(1); // its latest value only
    }

    @Test
    void readingADevice_mergesItsStagedRowsOnly() throws SQLException {
        Stored mine = point(TEMP, 1_000, 1);
        Stored other = Stored.of(new DataPoint("_dev_99", TEMP, 1_000, DoubleNode.valueOf(2), null));
        series.write(List.of(mine, other), List.of(mine, other), List.of());
        assertThat(staged()).isEqualTo(2);

        assertThat(values(history())).containsExactly(1.0);

        assertThat(staged()).isEqualTo(1);
        assertThat(values(series.history("_dev_99", TEMP, 0, Long.MAX_VALUE, 10, false)))
                .containsExactly(2.0);
        assertThat(staged()).isZero();
    }

    @Test
    void closing_mergesWhatIsStaged() throws SQLException {
        Stored a = point(TEMP, 1_000, 1);
        series.write(List.of(a), List.of(a), List.of());
        assertThat(staged()).isEqualTo(1);

        series.close();

        assertThat(staged()).isZero();
    }

    @Test
    void rowsAnOlderVersionStaged_mergeAsHistoryAndLatest() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement()
                    .executeUpdate(
                            "INSERT INTO staged_point (hist, device_id, prop_id, ts, num, val, meta) "
                                    + "VALUES (1, 11, 21, 1000, 1.0, '1.0', NULL), (0, 11, 22, 1000, NULL, '\"temperature\"', NULL)");
        }

        try (Database again = reopenDatabase()) {
            SqlTimeSeries after = new SqlTimeSeries(again);
            assertThat(values(after.history(DEV, TEMP, 0, Long.MAX_VALUE, 10, false)))
                    .containsExactly(1.0);
            assertThat(after.loadLatest()).extracting(DataPoint::propertyId).containsExactlyInAnyOrder(TEMP, LAST_IN);
            after.close();
        }
    }

    @Test
    void aWrite_whileSomethingHoldsTheMainFilesWriteLock_isStoredWithoutWaitingForIt() throws SQLException {
        // A merge holds the main file's write lock; the writer appends to the staging file only.
        try (Connection merge = DriverManager.getConnection("jdbc:sqlite:" + Database.embeddedFile(dir))) {
            merge.createStatement().execute("BEGIN IMMEDIATE");
            Stored a = point(TEMP, 1_000, 1);
            assertTimeout(Duration.ofSeconds(5), () -> series.write(List.of(a), List.of(a), List.of()));
            merge.createStatement().execute("ROLLBACK");
        }
        assertThat(staged()).isEqualTo(1);
        assertThat(values(history())).containsExactly(1.0);
    }

    @Test
    void rowsACrashLeftInTheStagingFile_areMergedAtStart_inTheOrderTheyCame() throws SQLException {
        series.write(List.of(point(TEMP, 1_000, 1)), List.of(), List.of());
        Stored later = point(TEMP, 1_000, 2);
        series.write(List.of(later), List.of(later), List.of());
        assertThat(staged()).isEqualTo(2);

        // No close: the first instance is gone as after a crash.
        try (Database again = reopenDatabase()) {
            SqlTimeSeries after = new SqlTimeSeries(again);
            assertThat(staged()).isZero();
            assertThat(values(after.history(DEV, TEMP, 0, Long.MAX_VALUE, 10, false)))
                    .containsExactly(2.0);
            assertThat(after.loadLatest())
                    .extracting(p -> p.value().doubleValue())
                    .containsExactly(2.0);
            after.close();
        }
    }
}
