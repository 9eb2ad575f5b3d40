package io.thingstead.storage;

import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The write side of {@link SqlTimeSeries}: {@link DirectWriter} on PostgreSQL (parallel writes,
 * each on a connection of its own), {@link StagingWriter} on SQLite (appends to a staging file that
 * a merger thread moves into the series tables).
 */
interface SeriesWriter extends AutoCloseable {
    static SeriesWriter of(Database db) {
        return db.isPostgres() ? new DirectWriter(db.dataSource()) : new StagingWriter(db);
    }

    /** Stores the rows durably in one transaction (see {@code TimeSeries.write}); safe from many threads. */
    void write(List<Stored> history, List<Stored> latest, List<LogEntry> logs);

    /** Housekeeping the store writer runs between commits. */
    default void maintain() {}

    /**
     * Of {@code times}, those of history points of the series that are stored but not yet in
     * data_point (staged): together with data_point's, the series' stored times, without a merge.
     */
    default Set<Long> stagedTimes(long device, long property, Collection<Long> times) {
        return Set.of();
    }

    /** Every stored point of the device is in data_point and latest_value when this returns. */
    default void settle(long device) {}

    /** Every stored point is in data_point and latest_value when this returns. */
    default void settleAll() {}

    @Override
    void close();
}
