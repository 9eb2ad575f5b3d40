package io.thingstead.storage;

import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The write side of {@link SqlTimeSeries}: one connection with its prepared statements, used under
 * a lock by the store writer's thread and, to merge, by a reader whose series has staged rows.
 *
 * <p>On PostgreSQL points go straight into {@code data_point} and {@code latest_value}. On SQLite
 * they are appended to {@code staged_point} first: SQLite's WAL writes every page a commit touches,
 * and a commit of points from many devices touches one {@code data_point} page per series, while
 * appending touches one or two. Staged rows are merged into the two tables in bulk (in arrival
 * order, so a later point of the same millisecond still wins) once {@value #MERGE_ROWS} rows have
 * gathered or the oldest has waited {@value #MERGE_AFTER_MS} ms, before a read or delete of a device
 * with staged rows, and at start (rows a crash left). Staged rows are durable like any commit.
 */
final class SeriesWriter implements AutoCloseable {
    // Measured (bench/run mqtt, 50 devices): merging at 2,000 rows / 200 ms gave 30,849-32,076 msg/s
    // at 45-48 us of server CPU per message; at 20,000 rows / 2 s, 35,144 msg/s at 41 us (denser
    // pages per merge). The push benchmark's p99 was the same (14-16 ms) either way.
    static final int MERGE_ROWS = 10_000;
    static final long MERGE_AFTER_MS = 1_000;
    static final int DENSE = 8;

    private static final String POINT_CONFLICT =
            " ON CONFLICT (device_id, prop_id, ts) DO UPDATE SET num = excluded.num, val = excluded.val, meta = excluded.meta";
    private static final String LATEST_CONFLICT =
            " ON CONFLICT (device_id, prop_id) DO UPDATE SET ts = excluded.ts, val = excluded.val, meta = excluded.meta "
                    + "WHERE excluded.ts >= latest_value.ts";
    private static final MultiRowInsert UPSERT_POINT = new MultiRowInsert(
            "INSERT INTO data_point (device_id, prop_id, ts, num, val, meta) VALUES ", 6, POINT_CONFLICT);
    private static final MultiRowInsert UPSERT_LATEST = new MultiRowInsert(
            "INSERT INTO latest_value (device_id, prop_id, ts, val, meta) VALUES ", 5, LATEST_CONFLICT);
    private static final MultiRowInsert INSERT_LOG =
            new MultiRowInsert("INSERT INTO device_log (id, device_id, ts, lvl, kind, message) VALUES ", 6, "");
    private static final MultiRowInsert STAGE = new MultiRowInsert(
            "INSERT INTO staged_point (hist, device_id, prop_id, ts, num, val, meta) VALUES ", 7, "");

    private static final String MERGE_POINTS = mergePoints("");
    private static final String MERGE_LATEST = mergeLatest("");
    private static final String CLEAR = "DELETE FROM staged_point";
    private static final String MERGE_DEVICE_POINTS = mergePoints(" AND device_id = ?");
    private static final String MERGE_DEVICE_LATEST = mergeLatest(" WHERE device_id = ?");
    private static final String CLEAR_DEVICE = CLEAR + " WHERE device_id = ?";

    // Rows in arrival order (seq), so the last of equal keys is applied last.
    private static String mergePoints(String andWhere) {
        return "INSERT INTO data_point (device_id, prop_id, ts, num, val, meta) "
                + "SELECT device_id, prop_id, ts, num, val, meta FROM staged_point WHERE hist = 1" + andWhere
                + " ORDER BY seq" + POINT_CONFLICT;
    }

    private static String mergeLatest(String where) {
        return "INSERT INTO latest_value (device_id, prop_id, ts, val, meta) "
                + "SELECT device_id, prop_id, ts, val, meta FROM (SELECT device_id, prop_id, ts, val, meta, "
                + "ROW_NUMBER() OVER (PARTITION BY device_id, prop_id ORDER BY ts DESC, seq DESC) AS rn FROM staged_point"
                + where + ") WHERE rn = 1" + LATEST_CONFLICT;
    }

    private record Staged(Stored stored, boolean history) {}

    private final DataSource ds;
    private final boolean staging;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    /** Devices with rows in staged_point; added before the commit that stages them. */
    private final Set<Long> stagedDevices = ConcurrentHashMap.newKeySet();

    /** Series with history rows in staged_point (writer thread only, under the lock). */
    private final Set<Series> stagedSeries = new java.util.HashSet<>();

    private record Series(long device, long property) {}

    private volatile int stagedRows;
    private long firstStagedAt;

    SeriesWriter(DataSource ds, boolean staging) {
        this.ds = ds;
        this.staging = staging;
        if (staging) {
            // Rows staged before a crash: merged before anything reads.
            locked(this::merge);
        }
    }

    void write(List<Stored> history, List<Stored> latest, List<LogEntry> logs) {
        locked(() -> {
            MultiRowInsert.Statements st = this::statement;
            if (staging) {
                stage(history, latest);
            } else {
                UPSERT_POINT.insert(st, history, SeriesWriter::bindPoint);
                UPSERT_LATEST.insert(st, latest, (ps, o, s) -> {
                    bindKey(ps, o, s);
                    ps.setString(o + 4, s.valueJson());
                    ps.setString(o + 5, s.metaJson());
                });
            }
            INSERT_LOG.insert(st, logs, (ps, o, l) -> {
                ps.setLong(o + 1, Stored.digits(l.id()));
                ps.setLong(o + 2, Stored.digits(l.deviceId()));
                ps.setLong(o + 3, Instant.parse(l.time()).toEpochMilli());
                ps.setString(o + 4, l.level());
                ps.setString(o + 5, l.type());
                ps.setString(o + 6, l.message());
            });
            connection.commit();
        });
    }

    /**
     * History rows, and the latest values that are not also staged history rows (a mostrecent
     * property's, or a series written in place). A series with {@value #DENSE} or more points in
     * this commit and none staged goes straight into data_point: its points share pages already, and
     * staging them would only write them twice (100-point feeds: 356,507 points/s in place, about
     * 200,000 staged). A series with staged points is staged again, so its points keep their order.
     */
    private void stage(List<Stored> history, List<Stored> latest) throws SQLException {
        Map<Series, Integer> perSeries = new HashMap<>();
        for (Stored s : history) {
            perSeries.merge(new Series(s.device(), s.property()), 1, Integer::sum);
        }
        Set<Stored> stagedHistory = Collections.newSetFromMap(new IdentityHashMap<>(history.size() * 2));
        List<Stored> inPlace = new ArrayList<>();
        List<Staged> rows = new ArrayList<>(history.size() + latest.size());
        for (Stored s : history) {
            Series key = new Series(s.device(), s.property());
            if (perSeries.get(key) >= DENSE && !stagedSeries.contains(key)) {
                inPlace.add(s);
            } else {
                stagedHistory.add(s);
                rows.add(new Staged(s, true));
            }
        }
        for (Stored s : latest) {
            if (!stagedHistory.contains(s)) {
                rows.add(new Staged(s, false));
            }
        }
        UPSERT_POINT.insert(this::statement, inPlace, SeriesWriter::bindPoint);
        if (rows.isEmpty()) {
            return;
        }
        for (Staged r : rows) {
            stagedDevices.add(r.stored().device());
            if (r.history()) {
                stagedSeries.add(new Series(r.stored().device(), r.stored().property()));
            }
        }
        STAGE.insert(this::statement, rows, (ps, o, r) -> {
            ps.setInt(o + 1, r.history() ? 1 : 0);
            bindPoint(ps, o + 1, r.stored());
        });
        if (stagedRows == 0) {
            firstStagedAt = System.nanoTime();
        }
        stagedRows += rows.size();
    }

    private static void bindKey(PreparedStatement ps, int o, Stored s) throws SQLException {
        ps.setLong(o + 1, s.device());
        ps.setLong(o + 2, s.property());
        ps.setLong(o + 3, s.point().time());
    }

    /** Device, property, time, numeric value, value and meta, from parameter {@code o + 1} on. */
    private static void bindPoint(PreparedStatement ps, int o, Stored s) throws SQLException {
        bindKey(ps, o, s);
        if (s.numeric() == null) {
            ps.setNull(o + 4, Types.DOUBLE);
        } else {
            ps.setDouble(o + 4, s.numeric());
        }
        ps.setString(o + 5, s.valueJson());
        ps.setString(o + 6, s.metaJson());
    }

    /** Merges the staged rows once enough have gathered or the oldest has waited long enough. */
    void maintain() {
        if (stagedRows == 0) {
            return;
        }
        locked(() -> {
            if (stagedRows >= MERGE_ROWS
                    || System.nanoTime() - firstStagedAt >= TimeUnit.MILLISECONDS.toNanos(MERGE_AFTER_MS)) {
                merge();
            }
        });
    }

    /** Every stored point of the device is in data_point and latest_value when this returns. */
    void settle(long device) {
        if (stagedDevices.contains(device)) {
            locked(() -> {
                if (stagedDevices.contains(device)) {
                    mergeDevice(device);
                }
            });
        }
    }

    /**
     * Merges one device's staged rows: a read waits for those only, not for everything staged
     * (up to {@value #MERGE_ROWS} rows under heavy ingest).
     */
    private void mergeDevice(long device) throws SQLException {
        for (String sql : List.of(MERGE_DEVICE_POINTS, MERGE_DEVICE_LATEST)) {
            PreparedStatement ps = statement(sql);
            ps.setLong(1, device);
            ps.executeUpdate();
        }
        PreparedStatement clear = statement(CLEAR_DEVICE);
        clear.setLong(1, device);
        int removed = clear.executeUpdate();
        connection.commit();
        stagedRows = Math.max(0, stagedRows - removed);
        stagedDevices.remove(device);
        stagedSeries.removeIf(series -> series.device() == device);
    }

    /** Every stored point is in data_point and latest_value when this returns. */
    void settleAll() {
        if (!stagedDevices.isEmpty()) {
            locked(this::merge);
        }
    }

    private void merge() throws SQLException {
        statement(MERGE_POINTS).executeUpdate();
        statement(MERGE_LATEST).executeUpdate();
        statement(CLEAR).executeUpdate();
        connection.commit();
        stagedRows = 0;
        stagedDevices.clear();
        stagedSeries.clear();
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs on the kept connection under the lock. Any failure drops the connection (its transaction
     * rolls back with it) and its statements; the next call starts afresh, staged rows stay staged.
     */
    private void locked(Work work) {
        lock.lock();
        try {
            if (connection == null) {
                connection = ds.getConnection();
                connection.setAutoCommit(false);
            }
            work.run();
        } catch (SQLException | RuntimeException e) {
            drop();
            throw new IllegalStateException("Writing data failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private void drop() {
        statements.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is discarded either way
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (staging && stagedRows > 0) {
                try {
                    if (connection != null) {
                        merge();
                    }
                } catch (SQLException e) {
                    // Staged rows are durable: the next start merges them.
                }
            }
            drop();
        } finally {
            lock.unlock();
        }
    }
}
