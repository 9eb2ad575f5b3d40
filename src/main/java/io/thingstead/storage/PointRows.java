package io.thingstead.storage;

import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** The statements and row binders both series writers ({@link DirectWriter}, {@link StagingWriter}) use. */
final class PointRows {
    private PointRows() {}

    static final String POINT_CONFLICT =
            " ON CONFLICT (device_id, prop_id, ts) DO UPDATE SET num = excluded.num, val = excluded.val, meta = excluded.meta";
    static final String LATEST_CONFLICT =
            " ON CONFLICT (device_id, prop_id) DO UPDATE SET ts = excluded.ts, val = excluded.val, meta = excluded.meta "
                    + "WHERE excluded.ts >= latest_value.ts";
    static final MultiRowInsert UPSERT_POINT = new MultiRowInsert(
            "INSERT INTO data_point (device_id, prop_id, ts, num, val, meta) VALUES ", 6, POINT_CONFLICT);
    static final MultiRowInsert UPSERT_LATEST = new MultiRowInsert(
            "INSERT INTO latest_value (device_id, prop_id, ts, val, meta) VALUES ", 5, LATEST_CONFLICT);
    private static final MultiRowInsert INSERT_LOG =
            new MultiRowInsert("INSERT INTO device_log (id, device_id, ts, lvl, kind, message) VALUES ", 6, "");

    /** A series of the store: device and property by their numbers. */
    record Series(long device, long property) {}

    private record Point(long device, long property, long time) {}

    static Series seriesKey(Stored s) {
        return new Series(s.device(), s.property());
    }

    /** Upserts history points (the later of one key wins) and latest values (the newer wins). */
    static void upsert(WriteSession s, List<Stored> history, List<Stored> latest) throws SQLException {
        UPSERT_POINT.insert(
                s,
                lastOfEach(
                        history,
                        r -> new Point(r.device(), r.property(), r.point().time()),
                        (old, neu) -> neu),
                PointRows::bindPoint);
        UPSERT_LATEST.insert(s, lastOfEach(latest, PointRows::seriesKey, PointRows::newer), (ps, o, r) -> {
            bindKey(ps, o, r);
            ps.setString(o + 4, r.valueJson());
            ps.setString(o + 5, r.metaJson());
        });
    }

    static void insertLogs(WriteSession s, List<LogEntry> logs) throws SQLException {
        INSERT_LOG.insert(s, logs, (ps, o, l) -> {
            ps.setLong(o + 1, Stored.digits(l.id()));
            ps.setLong(o + 2, Stored.digits(l.deviceId()));
            ps.setLong(o + 3, Instant.parse(l.time()).toEpochMilli());
            ps.setString(o + 4, l.level().toString());
            ps.setString(o + 5, l.type());
            ps.setString(o + 6, l.message());
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

    /** Of two latest values of one series, the one that stays after both were applied in order. */
    private static Stored newer(Stored earlier, Stored later) {
        return later.point().time() >= earlier.point().time() ? later : earlier;
    }

    static void bindKey(PreparedStatement ps, int o, Stored s) throws SQLException {
        ps.setLong(o + 1, s.device());
        ps.setLong(o + 2, s.property());
        ps.setLong(o + 3, s.point().time());
    }

    /** Device, property, time, numeric value, value and meta, from parameter {@code o + 1} on. */
    static void bindPoint(PreparedStatement ps, int o, Stored s) throws SQLException {
        bindKey(ps, o, s);
        if (s.numeric() == null) {
            ps.setNull(o + 4, Types.DOUBLE);
        } else {
            ps.setDouble(o + 4, s.numeric());
        }
        ps.setString(o + 5, s.valueJson());
        ps.setString(o + 6, s.metaJson());
    }
}
