package io.thingstead.storage;

import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import java.sql.SQLException;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.sql.DataSource;

/**
 * PostgreSQL's series writer: points go straight into {@code data_point} and {@code latest_value},
 * and writes run in parallel: each concurrent caller (a writer lane) commits on a {@link
 * WriteSession} of its own, taken from the idle ones or opened, and given back after the commit.
 */
final class DirectWriter implements SeriesWriter {
    private final DataSource ds;

    /** Sessions not in use. */
    private final Deque<WriteSession> idle = new ConcurrentLinkedDeque<>();

    private volatile boolean closed;

    DirectWriter(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public void write(List<Stored> history, List<Stored> latest, List<LogEntry> logs) {
        WriteSession s = idle.poll();
        if (s == null) {
            s = new WriteSession(ds::getConnection);
        }
        try {
            PointRows.upsert(s, history, latest);
            PointRows.insertLogs(s, logs);
            s.commit();
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw new IllegalStateException("Writing data failed: " + e.getMessage(), e);
        }
        idle.push(s);
        if (closed) {
            closeIdle();
        }
    }

    private void closeIdle() {
        WriteSession s;
        while ((s = idle.poll()) != null) {
            s.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }
}
