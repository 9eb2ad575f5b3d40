package io.thingstead.storage;

import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's series writer. SQLite's WAL writes every page a commit touches, and a commit of points
 * from many devices touches one {@code data_point} page per series, while appending touches one or
 * two: so points are first appended to {@code staged_point} in a file of their own ({@link
 * Database#stagingFile}, attached as {@code stage}). SQLite locks writers per file, so the store
 * writer's commits (staging file only) never wait for a merge, which a merger thread runs on its
 * own connection: it moves the staged rows into {@code data_point} and {@code latest_value} (main
 * file) in bulk, in arrival order ({@code seq}, so a later point of the same millisecond still
 * wins), and then deletes them from the staging file in short transactions. A merge runs once
 * {@value #MERGE_ROWS} rows have gathered or {@value #MERGE_AFTER_MS} ms have passed, before a read
 * or delete of a device with staged rows (its rows only), and at start (rows a crash left, also
 * those an older version staged in the main file). Staged rows are durable like any commit.
 *
 * <p>A staged row's {@code hist} says what it is: {@value #LATEST_ONLY} a latest value only,
 * {@value #HISTORY_AND_LATEST} a history point that is also its series' latest value, {@value
 * #HISTORY_ONLY} a history point only (it never becomes the latest value, as on PostgreSQL).
 *
 * <p>A series with {@value #DENSE} or more points in one commit and none staged goes straight into
 * data_point: its points share pages already (100-point feeds: 356,507 points/s in place, about
 * 200,000 staged). A series with staged rows is staged again, so its points keep their order.
 */
final class StagingWriter implements SeriesWriter {
    private static final Logger LOG = LoggerFactory.getLogger(StagingWriter.class);

    // Measured (bench/run mqtt, 50 devices): merging at 2,000 rows / 200 ms gave 30,849-32,076 msg/s
    // at 45-48 us of server CPU per message; at 20,000 rows / 2 s, 35,144 msg/s at 41 us (denser
    // pages per merge).
    static final int MERGE_ROWS = 10_000;
    static final long MERGE_AFTER_MS = 1_000;
    static final int DENSE = 8;
    /** Merged rows deleted from the staging file per transaction: the writer waits for one at most. */
    static final int CLEAR_ROWS = 2_000;

    static final int LATEST_ONLY = 0;
    static final int HISTORY_AND_LATEST = 1;
    static final int HISTORY_ONLY = 2;

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS stage.staged_point (seq INTEGER PRIMARY KEY, "
            + "hist INTEGER NOT NULL, device_id BIGINT NOT NULL, prop_id BIGINT NOT NULL, ts BIGINT NOT NULL, "
            + "num DOUBLE PRECISION, val TEXT NOT NULL, meta TEXT)";
    private static final MultiRowInsert STAGE = new MultiRowInsert(
            "INSERT INTO stage.staged_point (seq, hist, device_id, prop_id, ts, num, val, meta) VALUES ", 8, "");

    /** The staged rows of one table up to a seq (and of one device): merged, or deleted once merged. */
    private record Merge(String points, String latest, String clear) {
        static Merge of(String table, String andWhere) {
            return new Merge(
                    // Rows in arrival order (seq), so the last of equal keys is applied last.
                    "INSERT INTO data_point (device_id, prop_id, ts, num, val, meta) "
                            + "SELECT device_id, prop_id, ts, num, val, meta FROM " + table + " WHERE hist >= "
                            + HISTORY_AND_LATEST + " AND seq <= ?" + andWhere + " ORDER BY seq"
                            + PointRows.POINT_CONFLICT,
                    "INSERT INTO latest_value (device_id, prop_id, ts, val, meta) "
                            + "SELECT device_id, prop_id, ts, val, meta FROM (SELECT device_id, prop_id, ts, val, meta, "
                            + "ROW_NUMBER() OVER (PARTITION BY device_id, prop_id ORDER BY ts DESC, seq DESC) AS rn FROM "
                            + table + " WHERE hist <= " + HISTORY_AND_LATEST + " AND seq <= ?" + andWhere
                            + ") WHERE rn = 1" + PointRows.LATEST_CONFLICT,
                    "DELETE FROM " + table + " WHERE seq IN (SELECT seq FROM " + table + " WHERE seq <= ?" + andWhere
                            + " LIMIT " + CLEAR_ROWS + ")");
        }
    }

    private static final Merge OLD_VERSION = Merge.of("main.staged_point", "");
    private static final Merge ALL = Merge.of("stage.staged_point", "");
    private static final Merge DEVICE = Merge.of("stage.staged_point", " AND device_id = ?");

    /** A staged row: {@code kind} is its {@code hist} value. */
    private record Staged(Stored stored, int kind, long seq) {}

    private final WriteSession writer;
    private final WriteSession merger;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock mergeLock = new ReentrantLock();
    private final ExecutorService mergerThread = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("thingstead-merger").daemon(true).unstarted(r));
    private final AtomicBoolean mergeQueued = new AtomicBoolean();

    /** The highest seq of each device and series with rows in the staging file. */
    private final Map<Long, Long> stagedDevices = new ConcurrentHashMap<>();

    private final Map<PointRows.Series, Long> stagedSeries = new ConcurrentHashMap<>();

    /**
     * The times of the staged history rows of each series, with the seq of the last row of that
     * time: a write's replaced points are found without merging (a merge on the writer's thread
     * would hold every writer for two commits of the main file).
     */
    private final Map<PointRows.Series, Map<Long, Long>> stagedTimes = new ConcurrentHashMap<>();

    private final AtomicInteger stagedRows = new AtomicInteger();
    private long lastSeq; // under writeLock
    private volatile long committedSeq;
    private volatile long lastMergeAt = System.nanoTime();

    StagingWriter(Database db) {
        // The writer leaves checkpoints to the merger, so a commit never copies the WAL back.
        this.writer = new WriteSession(() -> db.openStaging(false));
        this.merger = new WriteSession(() -> db.openStaging(true));
        merging(() -> {
            merger.execute(CREATE);
            merger.commit();
            // Rows staged before a crash (or by an older version in the main file): merged before anything reads.
            merge(OLD_VERSION, Long.MAX_VALUE, null);
            long max;
            try (ResultSet rs = merger.get("SELECT COALESCE(MAX(seq), 0) FROM stage.staged_point")
                    .executeQuery()) {
                rs.next();
                max = rs.getLong(1);
            }
            lastSeq = max;
            committedSeq = max;
            merge(ALL, max, null);
        });
    }

    @Override
    public void write(List<Stored> history, List<Stored> latest, List<LogEntry> logs) {
        writeLock.lock();
        try {
            long last = stage(history, latest);
            PointRows.insertLogs(writer, logs);
            writer.commit();
            if (last > committedSeq) {
                committedSeq = last;
            }
        } catch (SQLException | RuntimeException e) {
            writer.close();
            throw new IllegalStateException("Writing data failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes dense series in place and stages the rest: history rows, and the latest values that
     * are not also staged history rows. Returns the highest seq staged (0 when none).
     */
    private long stage(List<Stored> history, List<Stored> latest) throws SQLException {
        Map<PointRows.Series, Integer> perSeries = new HashMap<>();
        for (Stored s : history) {
            perSeries.merge(PointRows.seriesKey(s), 1, Integer::sum);
        }
        Set<Stored> latestRows = Collections.newSetFromMap(new IdentityHashMap<>(latest.size() * 2));
        latestRows.addAll(latest);
        Set<Stored> stagedHistory = Collections.newSetFromMap(new IdentityHashMap<>(history.size() * 2));
        List<Stored> inPlace = new ArrayList<>();
        List<Staged> rows = new ArrayList<>(history.size() + latest.size());
        for (Stored s : history) {
            PointRows.Series key = PointRows.seriesKey(s);
            if (perSeries.get(key) >= DENSE && !stagedSeries.containsKey(key)) {
                inPlace.add(s);
            } else {
                stagedHistory.add(s);
                rows.add(new Staged(s, latestRows.contains(s) ? HISTORY_AND_LATEST : HISTORY_ONLY, ++lastSeq));
            }
        }
        for (Stored s : latest) {
            if (!stagedHistory.contains(s)) {
                rows.add(new Staged(s, LATEST_ONLY, ++lastSeq));
            }
        }
        PointRows.UPSERT_POINT.insert(writer, inPlace, PointRows::bindPoint);
        if (rows.isEmpty()) {
            return 0;
        }
        for (Staged r : rows) {
            // Before the commit: a read that comes after it finds the device staged.
            stagedDevices.put(r.stored().device(), r.seq());
            if (r.kind() != LATEST_ONLY) {
                PointRows.Series key = PointRows.seriesKey(r.stored());
                stagedSeries.put(key, r.seq());
                long time = r.stored().point().time();
                // One atomic step per series, so the merger never drops a map that is being added to.
                stagedTimes.compute(key, (k, m) -> {
                    Map<Long, Long> times = m == null ? new HashMap<>() : m;
                    times.put(time, r.seq());
                    return times;
                });
            }
        }
        STAGE.insert(writer, rows, (ps, o, r) -> {
            ps.setLong(o + 1, r.seq());
            ps.setInt(o + 2, r.kind());
            PointRows.bindPoint(ps, o + 2, r.stored());
        });
        stagedRows.addAndGet(rows.size());
        return rows.get(rows.size() - 1).seq();
    }

    /** Has the merger thread merge (and checkpoint) once enough rows have gathered or time has passed. */
    @Override
    public void maintain() {
        boolean due = stagedRows.get() >= MERGE_ROWS
                || System.nanoTime() - lastMergeAt >= TimeUnit.MILLISECONDS.toNanos(MERGE_AFTER_MS);
        if (due && mergeQueued.compareAndSet(false, true)) {
            try {
                mergerThread.execute(this::mergeInBackground);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                mergeQueued.set(false);
            }
        }
    }

    private void mergeInBackground() {
        mergeQueued.set(false);
        lastMergeAt = System.nanoTime();
        try {
            merging(() -> {
                if (!stagedDevices.isEmpty()) {
                    merge(ALL, committedSeq, null);
                }
                merger.execute("PRAGMA main.wal_checkpoint(PASSIVE)");
                merger.execute("PRAGMA stage.wal_checkpoint(PASSIVE)");
            });
        } catch (RuntimeException e) {
            LOG.error("Merging staged points failed; it is tried again", e);
        }
    }

    @Override
    public Set<Long> stagedTimes(long device, long property, Collection<Long> times) {
        Set<Long> out = new HashSet<>();
        stagedTimes.computeIfPresent(new PointRows.Series(device, property), (k, staged) -> {
            for (Long t : times) {
                if (staged.containsKey(t)) {
                    out.add(t);
                }
            }
            return staged;
        });
        return out;
    }

    @Override
    public void settle(long device) {
        if (stagedDevices.containsKey(device)) {
            merging(() -> {
                if (stagedDevices.containsKey(device)) {
                    merge(DEVICE, committedSeq, device);
                }
            });
        }
    }

    @Override
    public void settleAll() {
        if (!stagedDevices.isEmpty()) {
            merging(() -> merge(ALL, committedSeq, null));
        }
    }

    /**
     * Moves the staged rows up to {@code upTo} (of {@code device}, or all) into the series tables
     * in one transaction of the main file, then deletes them from their table in short ones, and
     * only then forgets them (a crash in between merges them again at start, to the same result).
     */
    private void merge(Merge m, long upTo, Long device) throws SQLException {
        for (String sql : List.of(m.points(), m.latest())) {
            bind(merger.get(sql), upTo, device).executeUpdate();
        }
        merger.commit();
        int removed;
        do {
            int r = bind(merger.get(m.clear()), upTo, device).executeUpdate();
            merger.commit();
            stagedRows.updateAndGet(n -> Math.max(0, n - r));
            removed = r;
        } while (removed == CLEAR_ROWS);
        if (m == OLD_VERSION) {
            return;
        }
        if (device == null) {
            stagedDevices.values().removeIf(seq -> seq <= upTo);
            stagedSeries.values().removeIf(seq -> seq <= upTo);
            forgetTimes(k -> true, upTo);
            if (stagedDevices.isEmpty()) {
                stagedRows.set(0);
            }
        } else {
            stagedDevices.computeIfPresent(device, (k, seq) -> seq <= upTo ? null : seq);
            stagedSeries.entrySet().removeIf(e -> e.getKey().device() == device && e.getValue() <= upTo);
            forgetTimes(k -> k.device() == device, upTo);
        }
    }

    /** Forgets the staged times of the series {@code which} merged (seq up to {@code upTo}). */
    private void forgetTimes(Predicate<PointRows.Series> which, long upTo) {
        for (PointRows.Series key : stagedTimes.keySet()) {
            if (which.test(key)) {
                stagedTimes.computeIfPresent(key, (k, m) -> {
                    m.values().removeIf(seq -> seq <= upTo);
                    return m.isEmpty() ? null : m;
                });
            }
        }
    }

    private static PreparedStatement bind(PreparedStatement ps, long upTo, Long device) throws SQLException {
        ps.setLong(1, upTo);
        if (device != null) {
            ps.setLong(2, device);
        }
        return ps;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /** Runs on the merger's session under its lock; a failure drops the session (staged rows stay staged). */
    private void merging(Work work) {
        mergeLock.lock();
        try {
            work.run();
        } catch (SQLException | RuntimeException e) {
            merger.close();
            throw new IllegalStateException("Merging staged points failed: " + e.getMessage(), e);
        } finally {
            mergeLock.unlock();
        }
    }

    @Override
    public void close() {
        mergerThread.shutdown();
        try {
            mergerThread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeLock.lock();
        try {
            if (!stagedDevices.isEmpty()) {
                try {
                    merging(() -> merge(ALL, committedSeq, null));
                } catch (RuntimeException e) {
                    // Staged rows are durable: the next start merges them.
                }
            }
            writer.close();
            merger.close();
        } finally {
            writeLock.unlock();
        }
    }
}
