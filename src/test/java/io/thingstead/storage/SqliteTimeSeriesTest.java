package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.timeseries.Stored;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTimeSeriesTest extends TimeSeriesContract {
    @TempDir
    Path dir;

    @Override
    protected Database open() {
        return Database.open("embedded", dir);
    }

    @Override
    protected Database reopen() {
        return open();
    }

    long staged() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM staged_point")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void pointsAreStaged_thenMergedOnceEnoughHaveGathered() throws SQLException {
        List<Stored> some = new ArrayList<>();
        for (int i = 0; i < SeriesWriter.MERGE_ROWS - 1; i++) {
            some.add(point(TEMP, i, i));
        }
        series.write(some, List.of(), List.of());
        series.maintain();
        assertThat(staged()).isEqualTo(SeriesWriter.MERGE_ROWS - 1);

        Stored last = point(TEMP, SeriesWriter.MERGE_ROWS, 1);
        series.write(List.of(last), List.of(last), List.of());
        series.maintain();

        assertThat(staged()).isZero();
        assertThat(series.stats(DEV, TEMP).count()).isEqualTo(SeriesWriter.MERGE_ROWS);
    }

    @Test
    void closing_mergesWhatIsStaged() throws SQLException {
        Stored a = point(TEMP, 1_000, 1);
        series.write(List.of(a), List.of(a), List.of());
        assertThat(staged()).isEqualTo(1);

        series.close();

        assertThat(staged()).isZero();
    }
}
