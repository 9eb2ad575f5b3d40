package io.thingstead.ingest;

import io.thingstead.core.Copies;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.Retention;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import io.thingstead.timeseries.TimeSeries;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes every write waiting in the queue, applies the retention
 * conditions in arrival order (so the points of one device are applied in order), stores them
 * all in one transaction, updates the latest values, and only then completes each writer's
 * future. Many concurrent writers share one commit (one fsync).
 *
 * <p>Seeing every write in order, the thread also gives server-timed points their unique times
 * ({@link ServerTimes}) and finds the points that replace a stored point of the same series and
 * millisecond (README: Data, point times): one of the same commit, the series' latest value, or,
 * for a point older than the latest, a stored one (looked up in the store, for such points only).
 */
public final class Writer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    private static final int MAX_POINTS_PER_COMMIT = 20_000;

    /**
     * A point with the property it belongs to; {@code serverTime} when the server's clock timed it
     * (its time may then move on to stay unique in its series).
     */
    public record Item(DataPoint point, Property property, Stored stored, boolean serverTime) {
        /** Encodes the point for the store here, on the writing request's thread. */
        public Item(DataPoint point, Property property) {
            this(point, property, Stored.of(point), false);
        }

        public Item(DataPoint point, Property property, boolean serverTime) {
            this(point, property, Stored.of(point), serverTime);
        }

        /** The same point at another time. */
        Item at(long time) {
            DataPoint p = new DataPoint(point.deviceId(), point.propertyId(), time, point.value(), point.meta());
            Stored s = new Stored(
                    p, stored.device(), stored.property(), stored.numeric(), stored.valueJson(), stored.metaJson());
            return new Item(p, property, s, serverTime);
        }
    }

    /**
     * What a stored write did beyond storing: {@code replaced} holds the positions (in the write's
     * items) of the points that replaced a stored point of the same series and time.
     */
    public record Written(List<Integer> replaced) {
        static final Written NONE = new Written(List.of());

        public Written {
            replaced = Copies.list(replaced);
        }
    }

    /** A series of the store: device and property by their numbers. */
    record Series(long device, long property) {}

    private record Row(long device, long property, long time) {}

    private record Job(List<Item> items, List<LogEntry> logs, CompletableFuture<Written> done) {
        Job {
            items = Copies.list(items);
            logs = Copies.list(logs);
        }
    }

    /**
     * A point older than its series' latest value, which may replace a stored one: its job's
     * position in the batch and its own in the job.
     */
    private record Candidate(int job, int index, Stored stored) {}

    private final TimeSeries series;
    private final LatestValues latest;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closing;

    private final ServerTimes serverTimes;

    public Writer(TimeSeries series, LatestValues latest, InstantSource clock) {
        this.series = series;
        this.latest = latest;
        this.serverTimes = new ServerTimes(latest, clock);
        this.thread =
                Thread.ofPlatform().name("thingstead-writer").daemon(false).start(this::run);
    }

    /** Queues the items; the future completes once they are durably stored. */
    public CompletableFuture<Written> submit(List<Item> items, List<LogEntry> logs) {
        CompletableFuture<Written> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new IllegalStateException("The writer is shut down"));
            return done;
        }
        queue.add(new Job(items, logs, done));
        return done;
    }

    /** Series ({@code deviceId/propertyId}) written since the last call, for the retention purge. */
    public Set<String> takeDirty() {
        Set<String> out = Set.copyOf(dirty);
        dirty.removeAll(out);
        return out;
    }

    private void run() {
        List<Job> batch = new ArrayList<>();
        while (true) {
            Job first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (closing && queue.isEmpty()) {
                    return;
                }
                maintain();
                continue;
            }
            batch.add(first);
            int points = first.items().size();
            Job next;
            while (points < MAX_POINTS_PER_COMMIT && (next = queue.poll()) != null) {
                batch.add(next);
                points += next.items().size();
            }
            commit(batch);
            batch.clear();
            maintain();
        }
    }

    private void maintain() {
        serverTimes.prune();
        try {
            series.maintain();
        } catch (RuntimeException e) {
            LOG.error("Store housekeeping failed; it is tried again", e);
        }
    }

    private void commit(List<Job> batch) {
        Map<Series, Stored> overlay = new LinkedHashMap<>();
        Map<Row, Stored> history = new LinkedHashMap<>();
        List<LogEntry> logs = new ArrayList<>();
        List<Candidate> olderPoints = new ArrayList<>();
        // Per job of the batch, the positions of its points that replaced a stored one.
        List<List<Integer>> replacedOf = new ArrayList<>(batch.size());
        for (int j = 0; j < batch.size(); j++) {
            Job job = batch.get(j);
            List<Integer> replaced = new ArrayList<>(0);
            replacedOf.add(replaced);
            logs.addAll(job.logs());
            for (int i = 0; i < job.items().size(); i++) {
                Item item = job.items().get(i);
                Stored s = item.stored();
                Series key = new Series(s.device(), s.property());
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
                if (!keep(item.property().retention(), prev, p)) {
                    continue;
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
                        replaced.add(i);
                    } else {
                        olderPoints.add(new Candidate(j, i, s));
                    }
                }
                if (prev == null || p.time() >= prev.time()) {
                    overlay.put(key, s);
                }
            }
        }
        findStored(olderPoints, replacedOf);
        try {
            series.write(List.copyOf(history.values()), List.copyOf(overlay.values()), logs);
        } catch (RuntimeException e) {
            LOG.error("Storing {} points failed; the writers are told", history.size(), e);
            batch.forEach(j -> j.done().completeExceptionally(e));
            return;
        }
        overlay.values().forEach(s -> latest.offer(s.point()));
        for (Stored s : history.values()) {
            dirty.add(s.point().deviceId() + "/" + s.point().propertyId());
        }
        for (int j = 0; j < batch.size(); j++) {
            List<Integer> replaced = replacedOf.get(j);
            batch.get(j)
                    .done()
                    .complete(
                            replaced.isEmpty()
                                    ? Written.NONE
                                    : new Written(replaced.stream().sorted().toList()));
        }
    }

    /** Marks the older points that replace a point already stored (one lookup per series). */
    private void findStored(List<Candidate> older, List<List<Integer>> replacedOf) {
        if (older.isEmpty()) {
            return;
        }
        Map<Series, List<Candidate>> bySeries = new LinkedHashMap<>();
        for (Candidate c : older) {
            bySeries.computeIfAbsent(new Series(c.stored().device(), c.stored().property()), k -> new ArrayList<>())
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

    /** The retention condition: always, only when changed, or when changed by more than x percent. */
    static boolean keep(Retention r, DataPoint prev, DataPoint p) {
        if (prev == null) {
            return true;
        }
        return switch (r.condition().when()) {
            case ALWAYS -> true;
            case CHANGED -> !prev.value().equals(p.value());
            case CHANGEDX -> changedBy(r.condition().value(), prev, p);
        };
    }

    /** Whether a numeric value moved by at least {@code percent} (any change of a non-number). */
    private static boolean changedBy(int percent, DataPoint prev, DataPoint p) {
        Double before = prev.numeric();
        Double now = p.numeric();
        if (before == null || now == null) {
            return !prev.value().equals(p.value());
        }
        if (before == 0) {
            return now != 0;
        }
        return Math.abs(now - before) / Math.abs(before) * 100 >= percent;
    }

    /** Stops taking writes, stores everything already queued, and stops the thread. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Job late;
        while ((late = queue.poll()) != null) {
            late.done().completeExceptionally(new IllegalStateException("The writer is shut down"));
        }
    }
}
