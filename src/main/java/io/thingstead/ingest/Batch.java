package io.thingstead.ingest;

import io.thingstead.events.StoredEvent;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.Retention;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import io.thingstead.timeseries.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one group commit stores, built on the writer's thread from the writes in arrival order: the
 * history rows, the new latest values, the log entries, and the events to tell once it is stored.
 *
 * <p>Whether a point changed is decided here, once, against its series' latest value before it
 * (one of the same commit, or the stored one): the retention conditions keep or drop the point by
 * it, and its event carries it, for {@code publish: changed} and every other subscriber.
 */
final class Batch {
    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    private record Row(long device, long property, long time) {}

    /**
     * A point older than its series' latest value, which may replace a stored one: its job's
     * position in the batch and its own in the job.
     */
    record Candidate(int job, int index, Stored stored) {}

    private final LatestValues latest;
    private final ServerTimes serverTimes;
    final Map<Writer.Series, Stored> overlay = new LinkedHashMap<>();
    private final Map<Row, Stored> history = new LinkedHashMap<>();
    final List<LogEntry> logs = new ArrayList<>();
    final List<Candidate> olderPoints = new ArrayList<>();
    final List<StoredEvent> events = new ArrayList<>();
    /** Per job of the batch, the positions of its points that replaced a stored one. */
    final List<List<Integer>> replacedOf = new ArrayList<>();

    Batch(LatestValues latest, ServerTimes serverTimes) {
        this.latest = latest;
        this.serverTimes = serverTimes;
    }

    List<Stored> history() {
        return List.copyOf(history.values());
    }

    List<Stored> latest() {
        return List.copyOf(overlay.values());
    }

    int points() {
        return history.size();
    }

    void add(Writer.Job job) {
        logs.addAll(job.logs());
        replacedOf.add(new ArrayList<>(0));
        Map<String, List<StoredEvent.Point>> byDevice = new LinkedHashMap<>();
        for (int i = 0; i < job.items().size(); i++) {
            StoredEvent.Point point = add(job, replacedOf.size() - 1, i);
            byDevice.computeIfAbsent(point.point().deviceId(), k -> new ArrayList<>())
                    .add(point);
        }
        byDevice.forEach((device, points) -> {
            events.add(new StoredEvent.PointsStored(device, job.principal(), job.source(), points));
            for (StoredEvent.Point p : points) {
                if (p.kept() && p.changed() && Builtins.CONNECTION_STATUS_ID.equals(p.propertyId())) {
                    boolean online =
                            Builtins.ConnectionStatus.of(p.point().value()) == Builtins.ConnectionStatus.ONLINE;
                    events.add(new StoredEvent.ConnectionChanged(device, online, job.principal(), job.source()));
                }
            }
        });
    }

    private StoredEvent.Point add(Writer.Job job, int j, int i) {
        Writer.Item item = job.items().get(i);
        Stored s = item.stored();
        Writer.Series key = new Writer.Series(s.device(), s.property());
        if (item.serverTime()) {
            long time = serverTimes.assign(key, item.point());
            if (time != item.point().time()) {
                item = item.at(time);
                s = item.stored();
            }
        }
        DataPoint p = item.point();
        Stored pending = overlay.get(key);
        DataPoint prev = pending != null ? pending.point() : latest.get(p.deviceId(), p.propertyId());
        boolean changed = changed(prev, p);
        boolean newest = prev == null || p.time() >= prev.time();
        if (!keep(item.property().retention(), prev, p, changed)) {
            return new StoredEvent.Point(item.property(), prev, p, changed, newest, false);
        }
        boolean replaces = prev != null && p.time() == prev.time();
        boolean older = false;
        if (item.property().retention().keepsHistory()) {
            // One row per series and millisecond: a later point of the same time replaces it.
            replaces |= history.put(new Row(s.device(), s.property(), p.time()), s) != null;
            older = !replaces && prev != null && p.time() < prev.time();
        }
        // Only the points a write asked for are reported, not the builtins derived from it.
        if ((replaces || older) && !Builtins.isBuiltinProperty(p.propertyId())) {
            if (replaces) {
                replacedOf.get(j).add(i);
            } else {
                olderPoints.add(new Candidate(j, i, s));
            }
        }
        if (newest) {
            overlay.put(key, s);
        }
        return new StoredEvent.Point(item.property(), prev, p, changed, newest, true);
    }

    /** Whether {@code p} differs from the series' latest value before it (none: it does). */
    static boolean changed(DataPoint prev, DataPoint p) {
        return prev == null || !prev.value().equals(p.value());
    }

    /** The retention condition: always, only when changed, or when changed by more than x percent. */
    static boolean keep(Retention r, DataPoint prev, DataPoint p, boolean changed) {
        if (prev == null) {
            return true;
        }
        return switch (r.condition().when()) {
            case ALWAYS -> true;
            case CHANGED -> changed;
            case CHANGEDX -> changedBy(r.condition().value(), prev, p, changed);
        };
    }

    /** Whether a numeric value moved by at least {@code percent} (any change of a non-number). */
    private static boolean changedBy(int percent, DataPoint prev, DataPoint p, boolean changed) {
        Double before = prev.numeric();
        Double now = p.numeric();
        if (before == null || now == null) {
            return changed;
        }
        if (before == 0) {
            return now != 0;
        }
        return Math.abs(now - before) / Math.abs(before) * 100 >= percent;
    }

    /** Marks the older points that replace a point already stored (one lookup per series). */
    void findStored(TimeSeries series) {
        if (olderPoints.isEmpty()) {
            return;
        }
        Map<Writer.Series, List<Candidate>> bySeries = new LinkedHashMap<>();
        for (Candidate c : olderPoints) {
            bySeries.computeIfAbsent(
                            new Writer.Series(c.stored().device(), c.stored().property()), k -> new ArrayList<>())
                    .add(c);
        }
        for (List<Candidate> candidates : bySeries.values()) {
            DataPoint first = candidates.get(0).stored().point();
            try {
                Set<Long> stored = series.storedTimes(
                        first.deviceId(),
                        first.propertyId(),
                        candidates.stream().map(c -> c.stored().point().time()).toList());
                for (Candidate c : candidates) {
                    if (stored.contains(c.stored().point().time())) {
                        replacedOf.get(c.job()).add(c.index());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Looking up replaced points of {} failed: {}", first.deviceId(), e.getMessage());
            }
        }
    }
}
