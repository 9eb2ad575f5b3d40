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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BinaryOperator;
import java.util.function.Function;
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
 *
 * <p>A staged row's {@code hist} says what it is: {@value #LATEST_ONLY} a latest value only,
 * {@value #HISTORY_AND_LATEST} a history point that is also its series' latest value (the only
 * history kind before there was a third, so rows an older version left merge as they did),
 * {@value #HISTORY_ONLY} a history point only: a history point that is not given as latest never
 * becomes the latest value, as on PostgreSQL.
 */
final class SeriesWriter implements AutoCloseable {
    // Measured (bench/run mqtt, 50 devices): merging at 2,000 rows / 200 ms gave 30,849-32,076 msg/s
    // at 45-48 us of server CPU per message; at 20,000 rows / 2 s, 35,144 msg/s at 41 us (denser
    // pages per merge). The push benchmark's p99 was the same (14-16 ms) either way.
    static final int MERGE_ROWS = 10_000;
    static final long MERGE_AFTER_MS = 1_000;
    static final int DENSE = 8;

    static final int LATEST_ONLY = 0;
    static final int HISTORY_AND_LATEST = 1;
    static final int HISTORY_ONLY = 2;

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
    private static final String MERGE_DEVICE_LATEST = mergeLatest(" AND device_id = ?");
    private static final String CLEAR_DEVICE = CLEAR + " WHERE device_id = ?";

    // Rows in arrival order (seq), so the last of equal keys is applied last.
    private static String mergePoints(String andWhere) {
        return "INSERT INTO data_point (device_id, prop_id, ts, num, val, meta) "
                + "SELECT device_id, prop_id, ts, num, val, meta FROM staged_point WHERE hist >= " + HISTORY_AND_LATEST
                + andWhere
                + " ORDER BY seq" + POINT_CONFLICT;
    }

    private static String mergeLatest(String andWhere) {
        return "INSERT INTO latest_value (device_id, prop_id, ts, val, meta) "
                + "SELECT device_id, prop_id, ts, val, meta FROM (SELECT device_id, prop_id, ts, val, meta, "
                + "ROW_NUMBER() OVER (PARTITION BY device_id, prop_id ORDER BY ts DESC, seq DESC) AS rn FROM staged_point "
                + "WHERE hist <= " + HISTORY_AND_LATEST + andWhere + ") WHERE rn = 1" + LATEST_CONFLICT;
    }

    /** A staged row: {@code kind} is its {@code hist} value. */
    private record Staged(Stored stored, int kind) {
        boolean history() {
            return kind != LATEST_ONLY;
        }
    }

    private record Point(long device, long property, long time) {}

    private final DataSource ds;
    private final boolean staging;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    /** Devices with rows in staged_point; added before the commit that stages them. */
    private final Set<Long> stagedDevices = ConcurrentHashMap.newKeySet();

    /** Series with history rows in staged_point (writer thread only, under the lock). */
    private final Set<Series> stagedSeries = new HashSet<>();

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
                UPSERT_POINT.insert(
                        st, lastOfEach(history, SeriesWriter::pointKey, (old, neu) -> neu), SeriesWriter::bindPoint);
                UPSERT_LATEST.insert(
                        st, lastOfEach(latest, SeriesWriter::seriesKey, SeriesWriter::newer), (ps, o, s) -> {
                            bindKey(ps, o, s);
                            ps.setString(o + 4, s.valueJson());
                            ps.setString(o + 5, s.metaJson());
                        });
            }
            INSERT_LOG.insert(st, logs, (ps, o, l) -> {
                ps.setLong(o + 1, Stored.digits(l.id()));
                ps.setLong(o + 2, Stored.digits(l.deviceId()));
                ps.setLong(o + 3, Instant.parse(l.time()).toEpochMilli());
                ps.setString(o + 4, l.level().toString());
                ps.setString(o + 5, l.type());
                ps.setString(o + 6, l.message());
            });
            connection.commit();
        });
    }

    /**
     * The rows one PostgreSQL upsert may take (it refuses to change a row twice in one statement):
     * of the rows with the same key only the one {@code pick} keeps, as if they were applied in
     * order. The rows themselves when no key repeats (the store writer's batches).
     */
    private static <K> List<Stored> lastOfEach(
            List<Stored> rows, Function<Stored, K> key, BinaryOperator<Stored> pick) {
        Map<K, Stored> kept = new HashMap<>(rows.size() * 2);
        for (Stored s : rows) {
            kept.merge(key.apply(s), s, pick);
        }
        return kept.size() == rows.size() ? rows : List.copyOf(kept.values());
    }

    private static Point pointKey(Stored s) {
        return new Point(s.device(), s.property(), s.point().time());
    }

    private static Series seriesKey(Stored s) {
        return new Series(s.device(), s.property());
    }

    /** Of two latest values of one series, the one that stays after both were applied in order. */
    private static Stored newer(Stored earlier, Stored later) {
        return later.point().time() >= earlier.point().time() ? later : earlier;
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
            perSeries.merge(seriesKey(s), 1, Integer::sum);
        }
        Set<Stored> latestRows = Collections.newSetFromMap(new IdentityHashMap<>(latest.size() * 2));
        latestRows.addAll(latest);
        Set<Stored> stagedHistory = Collections.newSetFromMap(new IdentityHashMap<>(history.size() * 2));
        List<Stored> inPlace = new ArrayList<>();
        List<Staged> rows = new ArrayList<>(history.size() + latest.size());
        for (Stored s : history) {
            Series key = seriesKey(s);
            if (perSeries.get(key) >= DENSE && !stagedSeries.contains(key)) {
                inPlace.add(s);
            } else {
                stagedHistory.add(s);
                rows.add(new Staged(s, latestRows.contains(s) ? HISTORY_AND_LATEST : HISTORY_ONLY));
            }
        }
        for (Stored s : latest) {
            if (!stagedHistory.contains(s)) {
                rows.add(new Staged(s, LATEST_ONLY));
            }
        }
        UPSERT_POINT.insert(this::statement, inPlace, SeriesWriter::bindPoint);
        if (rows.isEmpty()) {
            return;
        }
        for (Staged r : rows) {
            stagedDevices.add(r.stored().device());
            if (r.history()) {
                stagedSeries.add(seriesKey(r.stored()));
            }
        }
        STAGE.insert(this::statement, rows, (ps, o, r) -> {
            ps.setInt(o + 1, r.kind());
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
