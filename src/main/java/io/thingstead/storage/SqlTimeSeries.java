package io.thingstead.storage;

import io.thingstead.core.Times;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import io.thingstead.timeseries.Stored;
import io.thingstead.timeseries.TimeSeries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Data points, latest values and device logs on SQL (SQLite or PostgreSQL), with plain JDBC
 * batches on the write path. Aggregates are computed by the database, bucket by bucket.
 */
public final class SqlTimeSeries implements TimeSeries {

    private static final String AGGREGATE = "SELECT g.b, g.cnt, g.s, g.mn, g.mx, g.ss, g.fts, f.val, g.lts, l.val FROM "
            + "(SELECT (ts - ?) / ? AS b, COUNT(*) AS cnt, SUM(num) AS s, MIN(num) AS mn, MAX(num) AS mx, SUM(num * num) AS ss, "
            + "MIN(ts) AS fts, MAX(ts) AS lts FROM data_point WHERE device_id = ? AND prop_id = ? AND ts >= ? AND ts < ? GROUP BY b) g "
            // CROSS JOIN keeps the buckets outermost on SQLite (its planner otherwise re-runs the grouping
            // per row of f and l: seconds for a few hundred points); PostgreSQL plans it freely anyway.
            + "CROSS JOIN data_point f CROSS JOIN data_point l "
            + "WHERE f.device_id = ? AND f.prop_id = ? AND f.ts = g.fts "
            + "AND l.device_id = ? AND l.prop_id = ? AND l.ts = g.lts ORDER BY g.b";

    /** Times looked up per statement by {@link #storedTimes}. */
    private static final int STORED_TIMES_CHUNK = 500;

    private final DataSource ds;
    private final SeriesWriter writer;

    public SqlTimeSeries(Database db) {
        this.ds = db.dataSource();
        this.writer = SeriesWriter.of(db);
    }

    static long num(String id) {
        return Stored.digits(id);
    }

    @Override
    public void write(List<Stored> history, List<Stored> latest, List<LogEntry> logs) {
        writer.write(history, latest, logs);
    }

    @Override
    public void maintain() {
        writer.maintain();
    }

    @Override
    public void close() {
        writer.close();
    }

    @Override
    public List<DataPoint> loadLatest() {
        writer.settleAll();
        return query(
                "SELECT device_id, prop_id, ts, val, meta FROM latest_value",
                ps -> {},
                rs -> point(rs, rs.getLong(1), rs.getLong(2), 3));
    }

    @Override
    public List<DataPoint> history(
            String deviceId, String propertyId, long from, long to, int limit, boolean newestFirst) {
        TimeSeries.atLeast(0, "limit", limit);
        writer.settle(num(deviceId));
        String sql =
                "SELECT ts, val, meta FROM data_point WHERE device_id = ? AND prop_id = ? AND ts >= ? AND ts < ? ORDER BY ts "
                        + (newestFirst ? "DESC" : "ASC") + " LIMIT ?";
        long d = num(deviceId);
        long p = num(propertyId);
        return query(sql, seriesRange(d, p, from, to, limit), rs -> point(rs, d, p, 1));
    }

    @Override
    public Set<Long> storedTimes(String deviceId, String propertyId, List<Long> times) {
        long d = num(deviceId);
        long p = num(propertyId);
        // Staged times first: a merge that runs meanwhile has put them in data_point before it forgets them.
        Set<Long> out = new HashSet<>(writer.stagedTimes(d, p, times));
        for (int from = 0; from < times.size(); from += STORED_TIMES_CHUNK) {
            List<Long> chunk = times.subList(from, Math.min(times.size(), from + STORED_TIMES_CHUNK));
            String sql = "SELECT ts FROM data_point WHERE device_id = ? AND prop_id = ? AND ts IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            out.addAll(query(
                    sql,
                    ps -> {
                        ps.setLong(1, d);
                        ps.setLong(2, p);
                        for (int i = 0; i < chunk.size(); i++) {
                            ps.setLong(3 + i, chunk.get(i));
                        }
                    },
                    rs -> rs.getLong(1)));
        }
        return out;
    }

    @Override
    public Long nthTime(String deviceId, String propertyId, long from, long to, long n, boolean newestFirst) {
        TimeSeries.atLeast(0, "n", n);
        writer.settle(num(deviceId));
        long d = num(deviceId);
        long p = num(propertyId);
        String sql = "SELECT ts FROM data_point WHERE device_id = ? AND prop_id = ? AND ts >= ? AND ts < ? ORDER BY ts "
                + (newestFirst ? "DESC" : "ASC") + " LIMIT 1 OFFSET ?";
        List<Long> out = query(sql, seriesRange(d, p, from, to, n), rs -> rs.getLong(1));
        return out.isEmpty() ? null : out.get(0);
    }

    @Override
    public List<Bucket> aggregate(String deviceId, String propertyId, long from, long to, long origin, long size) {
        TimeSeries.atLeast(1, "size", size);
        writer.settle(num(deviceId));
        long d = num(deviceId);
        long p = num(propertyId);
        return query(
                AGGREGATE,
                ps -> {
                    ps.setLong(1, origin);
                    ps.setLong(2, size);
                    ps.setLong(3, d);
                    ps.setLong(4, p);
                    ps.setLong(5, from);
                    ps.setLong(6, to);
                    ps.setLong(7, d);
                    ps.setLong(8, p);
                    ps.setLong(9, d);
                    ps.setLong(10, p);
                },
                rs -> new Bucket(
                        rs.getLong(1),
                        rs.getLong(2),
                        dbl(rs, 3),
                        dbl(rs, 4),
                        dbl(rs, 5),
                        dbl(rs, 6),
                        rs.getLong(7),
                        rs.getString(8),
                        rs.getLong(9),
                        rs.getString(10)));
    }

    @Override
    public void bucketValues(
            String deviceId, String propertyId, long from, long to, long origin, long size, BucketSink sink) {
        TimeSeries.atLeast(1, "size", size);
        writer.settle(num(deviceId));
        String sql =
                "SELECT (ts - ?) / ? AS b, num FROM data_point WHERE device_id = ? AND prop_id = ? AND ts >= ? AND ts < ? "
                        + "AND num IS NOT NULL ORDER BY b, num";
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, origin);
            ps.setLong(2, size);
            ps.setLong(3, num(deviceId));
            ps.setLong(4, num(propertyId));
            ps.setLong(5, from);
            ps.setLong(6, to);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                long current = Long.MIN_VALUE;
                double[] values = new double[64];
                int n = 0;
                while (rs.next()) {
                    long b = rs.getLong(1);
                    if (b != current && n > 0) {
                        sink.bucket(current, Arrays.copyOf(values, n));
                        n = 0;
                    }
                    current = b;
                    if (n == values.length) {
                        values = Arrays.copyOf(values, n * 2);
                    }
                    values[n++] = rs.getDouble(2);
                }
                if (n > 0) {
                    sink.bucket(current, Arrays.copyOf(values, n));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading data failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Bucket stats(String deviceId, String propertyId) {
        writer.settle(num(deviceId));
        long d = num(deviceId);
        long p = num(propertyId);
        return query(
                        "SELECT COUNT(*), SUM(num), MIN(num), MAX(num) FROM data_point WHERE device_id = ? AND prop_id = ?",
                        ps -> {
                            ps.setLong(1, d);
                            ps.setLong(2, p);
                        },
                        rs -> new Bucket(0, rs.getLong(1), dbl(rs, 2), dbl(rs, 3), dbl(rs, 4), null, 0, null, 0, null))
                .get(0);
    }

    @Override
    public int purgeBefore(String deviceId, String propertyId, long cutoff) {
        writer.settle(num(deviceId));
        return update(
                "DELETE FROM data_point WHERE device_id = ? AND prop_id = ? AND ts < ?",
                num(deviceId),
                num(propertyId),
                cutoff);
    }

    @Override
    public int purgeAllBefore(String propertyId, long cutoff) {
        writer.settleAll();
        return update("DELETE FROM data_point WHERE prop_id = ? AND ts < ?", num(propertyId), cutoff);
    }

    @Override
    public int purgeBeyond(String deviceId, String propertyId, long capacity) {
        TimeSeries.atLeast(1, "capacity", capacity);
        writer.settle(num(deviceId));
        long d = num(deviceId);
        long p = num(propertyId);
        List<Long> cut = query(
                "SELECT ts FROM data_point WHERE device_id = ? AND prop_id = ? ORDER BY ts DESC LIMIT 1 OFFSET ?",
                ps -> {
                    ps.setLong(1, d);
                    ps.setLong(2, p);
                    ps.setLong(3, capacity - 1);
                },
                rs -> rs.getLong(1));
        return cut.isEmpty() ? 0 : purgeBefore(deviceId, propertyId, cut.get(0));
    }

    @Override
    public void deleteDevice(String deviceId) {
        writer.settle(num(deviceId));
        long d = num(deviceId);
        update("DELETE FROM data_point WHERE device_id = ?", d);
        update("DELETE FROM latest_value WHERE device_id = ?", d);
        update("DELETE FROM device_log WHERE device_id = ?", d);
    }

    @Override
    public void deleteProperty(String propertyId) {
        writer.settleAll();
        long p = num(propertyId);
        update("DELETE FROM data_point WHERE prop_id = ?", p);
        update("DELETE FROM latest_value WHERE prop_id = ?", p);
    }

    @Override
    public List<LogEntry> logs(String deviceId, long offset, int limit) {
        TimeSeries.atLeast(0, "offset", offset);
        TimeSeries.atLeast(0, "limit", limit);
        long d = num(deviceId);
        return query(
                "SELECT id, ts, lvl, kind, message FROM device_log WHERE device_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                ps -> {
                    ps.setLong(1, d);
                    ps.setInt(2, limit);
                    ps.setLong(3, offset);
                },
                rs -> new LogEntry(
                        "_log_" + rs.getLong(1),
                        deviceId,
                        Times.format(Instant.ofEpochMilli(rs.getLong(2))),
                        LogLevel.of(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5)));
    }

    @Override
    public long maxLogId() {
        return query("SELECT COALESCE(MAX(id), 0) FROM device_log", ps -> {}, rs -> rs.getLong(1))
                .get(0);
    }

    @Override
    public long countLogs(String deviceId) {
        long d = num(deviceId);
        return query("SELECT COUNT(*) FROM device_log WHERE device_id = ?", ps -> ps.setLong(1, d), rs -> rs.getLong(1))
                .get(0);
    }

    private static DataPoint point(ResultSet rs, long device, long prop, int tsColumn) throws SQLException {
        return Stored.decode(
                device, prop, rs.getLong(tsColumn), rs.getString(tsColumn + 1), rs.getString(tsColumn + 2));
    }

    private static Double dbl(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    /** Binds device, property, the range [from, to) and one more number: every series range query here. */
    private static Binder seriesRange(long device, long property, long from, long to, long extra) {
        return ps -> {
            ps.setLong(1, device);
            ps.setLong(2, property);
            ps.setLong(3, from);
            ps.setLong(4, to);
            ps.setLong(5, extra);
        };
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading data failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, long... args) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setLong(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Deleting data failed: " + e.getMessage(), e);
        }
    }
}
