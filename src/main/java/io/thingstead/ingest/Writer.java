package io.thingstead.ingest;

import io.thingstead.profiles.Property;
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
 */
public final class Writer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    private static final int MAX_POINTS_PER_COMMIT = 20_000;

    /** A point with the property it belongs to. */
    public record Item(DataPoint point, Property property, Stored stored) {
        /** Encodes the point for the store here, on the writing request's thread. */
        public Item(DataPoint point, Property property) {
            this(point, property, Stored.of(point));
        }
    }

    private record Series(long device, long property) {}

    private record Row(long device, long property, long time) {}

    private record Job(List<Item> items, List<LogEntry> logs, CompletableFuture<Void> done) {}

    private final TimeSeries series;
    private final LatestValues latest;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closing;

    public Writer(TimeSeries series, LatestValues latest) {
        this.series = series;
        this.latest = latest;
        this.thread =
                Thread.ofPlatform().name("thingstead-writer").daemon(false).start(this::run);
    }

    /** Queues the items; the future completes once they are durably stored. */
    public CompletableFuture<Void> submit(List<Item> items, List<LogEntry> logs) {
        CompletableFuture<Void> done = new CompletableFuture<>();
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
        for (Job job : batch) {
            logs.addAll(job.logs());
            for (Item item : job.items()) {
                DataPoint p = item.point();
                Stored s = item.stored();
                Series key = new Series(s.device(), s.property());
                Stored pending = overlay.get(key);
                DataPoint prev = pending != null ? pending.point() : latest.get(p.deviceId(), p.propertyId());
                if (!keep(item.property().retention(), prev, p)) {
                    continue;
                }
                if ("historical".equals(item.property().retention().type())) {
                    // One row per series and millisecond: a later point of the same time replaces it.
                    history.put(new Row(s.device(), s.property(), p.time()), s);
                }
                if (prev == null || p.time() >= prev.time()) {
                    overlay.put(key, s);
                }
            }
        }
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
        batch.forEach(j -> j.done().complete(null));
    }

    /** The retention condition: always, only when changed, or when changed by more than x percent. */
    static boolean keep(Retention r, DataPoint prev, DataPoint p) {
        String when = r.condition().when();
        if (prev == null || "always".equals(when)) {
            return true;
        }
        if ("changed".equals(when)) {
            return !prev.value().equals(p.value());
        }
        Double before = prev.numeric();
        Double now = p.numeric();
        if (before == null || now == null) {
            return !prev.value().equals(p.value());
        }
        if (before == 0) {
            return now != 0;
        }
        return Math.abs(now - before) / Math.abs(before) * 100 >= r.condition().value();
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
