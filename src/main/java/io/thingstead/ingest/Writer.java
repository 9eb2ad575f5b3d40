package io.thingstead.ingest;

import io.thingstead.accounts.Principal;
import io.thingstead.core.Copies;
import io.thingstead.events.EventStream;
import io.thingstead.events.Source;
import io.thingstead.profiles.Property;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import io.thingstead.timeseries.TimeSeries;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit in lanes: a device belongs to one lane (by a hash of its number), and each lane's
 * thread takes every write of its devices waiting in its queue, applies the retention conditions
 * in arrival order (so the points of one device are applied in order), stores them all in one
 * transaction, and only then tells the {@link EventStream} what was stored (its views, the latest
 * values among them, are applied at once, on the lane's thread) and completes each writer's
 * future. Many concurrent writers share one commit (one fsync); lanes commit in parallel when
 * there are more than one (PostgreSQL: each on its own connection). A failed commit tells nobody
 * anything. A write naming devices of several lanes is split; its future completes when every part
 * is stored, and fails when any part fails (each part is one transaction).
 *
 * <p>Deletes of a device's or a property's data, and the retention purge's deletes, are queued
 * like writes and run in their turn, so a write queued before a delete never brings the data back,
 * and one queued after it is kept: a device's delete (or its series' purge) in its lane, a
 * property's in every lane at once (each lane stops there until the delete has run, after every
 * write queued before it).
 *
 * <p>Seeing every write of its devices in order, a lane also gives server-timed points their
 * unique times ({@link ServerTimes}) and finds the points that replace a stored point of the same
 * series and millisecond (README: Data, point times): one of the same commit, the series' latest
 * value, or, for a point older than the latest, a stored one (looked up in the store, for such
 * points only).
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

    /** What waits in the queue: a write, or a delete that runs in its turn. */
    private sealed interface Task permits Job, Delete {}

    record Job(
            Principal principal, Source source, List<Item> items, List<LogEntry> logs, CompletableFuture<Written> done)
            implements Task {
        Job {
            items = Copies.list(items);
            logs = Copies.list(logs);
        }
    }

    /**
     * A delete ({@link Removal}) of {@code what}, run in its turn; one spanning every lane has a
     * {@code barrier}: queued on every lane, run by the first once all reached it. Completes with
     * how many points went.
     */
    private record Delete(String what, Removal removal, CompletableFuture<Integer> done, Barrier barrier)
            implements Task {}

    /** Where every lane stops for a property's delete: all arrived, then the delete ran. */
    private record Barrier(CountDownLatch arrived, CompletableFuture<Void> ran) {}

    private final TimeSeries series;
    private final LatestValues latest;
    private final EventStream events;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Lane[] lanes;
    /** Held while a task goes on more than one lane, so such tasks are in the same order on all. */
    private final Object spanning = new Object();

    private volatile boolean closing;

    /** One lane. */
    public Writer(TimeSeries series, LatestValues latest, EventStream events, InstantSource clock) {
        this(series, latest, events, clock, 1);
    }

    /** {@code lanes} (1 or more) threads, each committing the writes of its devices. */
    public Writer(TimeSeries series, LatestValues latest, EventStream events, InstantSource clock, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be 1 or more, got " + lanes);
        }
        this.series = series;
        this.latest = latest;
        this.events = events;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane(i, lanes == 1 ? "thingstead-writer" : "thingstead-writer-" + i, clock);
        }
    }

    /** Queues what the platform writes by itself; the future completes once it is durably stored. */
    public CompletableFuture<Written> submit(List<Item> items, List<LogEntry> logs) {
        return submit(Principal.PLATFORM, Source.PLATFORM, items, logs);
    }

    /** Queues the items written by {@code principal} from {@code source}; completes once durably stored. */
    public CompletableFuture<Written> submit(
            Principal principal, Source source, List<Item> items, List<LogEntry> logs) {
        CompletableFuture<Written> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new IllegalStateException("The writer is shut down"));
            return done;
        }
        int lane = WriterLanes.laneOf(items, logs, lanes.length);
        if (lane >= 0) {
            lanes[lane].queue.add(new Job(principal, source, items, logs, done));
            return done;
        }
        synchronized (spanning) {
            return WriterLanes.split(items, logs, lanes.length, (i, part, partLogs) -> {
                CompletableFuture<Written> partDone = new CompletableFuture<>();
                lanes[i].queue.add(new Job(principal, source, part, partLogs, partDone));
                return partDone;
            });
        }
    }

    /** Queues the deletion of every point, latest value and log entry of a device. */
    public CompletableFuture<Void> deleteDevice(String deviceId) {
        return onDeviceLane(deviceId, Removal.device(series, latest, deviceId)).thenApply(n -> null);
    }

    /** Queues the deletion of every point and latest value of a property, for every device. */
    public CompletableFuture<Void> deleteProperty(String propertyId) {
        return onEveryLane(propertyId, Removal.property(series, latest, propertyId))
                .thenApply(n -> null);
    }

    /**
     * Queues the retention purge of one series: points older than {@code cutoff} (null: none) and
     * all but the newest {@code capacity} (0: no limit); completes with how many points went.
     */
    public CompletableFuture<Integer> purgeSeries(String deviceId, String propertyId, Long cutoff, long capacity) {
        return onDeviceLane(deviceId, Removal.seriesPurge(series, deviceId, propertyId, cutoff, capacity));
    }

    /** Queues the purge of a property's points older than {@code cutoff}, for every device. */
    public CompletableFuture<Integer> purgeProperty(String propertyId, long cutoff) {
        return onEveryLane(propertyId, Removal.propertyPurge(series, propertyId, cutoff));
    }

    private CompletableFuture<Integer> onDeviceLane(String deviceId, Removal removal) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (!refused(done)) {
            lanes[WriterLanes.lane(Stored.digits(deviceId), lanes.length)].queue.add(
                    new Delete(deviceId, removal, done, null));
        }
        return done;
    }

    /** Queued on every lane; runs once, after every write queued before it on any lane. */
    private CompletableFuture<Integer> onEveryLane(String what, Removal removal) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (refused(done)) {
            return done;
        }
        Barrier barrier =
                lanes.length == 1 ? null : new Barrier(new CountDownLatch(lanes.length), new CompletableFuture<>());
        synchronized (spanning) {
            for (Lane lane : lanes) {
                lane.queue.add(new Delete(what, removal, done, barrier));
            }
        }
        return done;
    }

    private boolean refused(CompletableFuture<?> done) {
        if (closing) {
            done.completeExceptionally(new IllegalStateException("The writer is shut down"));
        }
        return closing;
    }

    /** Series ({@code deviceId/propertyId}) written since the last call, for the retention purge. */
    public Set<String> takeDirty() {
        Set<String> out = Set.copyOf(dirty);
        dirty.removeAll(out);
        return out;
    }

    /** A lane: its queue, its thread and the server times of its series. */
    private final class Lane {
        final int index;
        final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
        final ServerTimes serverTimes;
        final Thread thread;

        Lane(int index, String name, InstantSource clock) {
            this.index = index;
            this.serverTimes = new ServerTimes(latest, clock);
            this.thread = Thread.ofPlatform().name(name).daemon(false).start(this::run);
        }

        private void run() {
            List<Job> batch = new ArrayList<>();
            while (true) {
                Task first;
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
                if (first instanceof Delete d) {
                    atDelete(d);
                    continue;
                }
                Job job = (Job) first;
                batch.add(job);
                int points = job.items().size();
                // A delete ends the batch: it runs after the writes before it, before those after it.
                while (points < MAX_POINTS_PER_COMMIT && queue.peek() instanceof Job next) {
                    queue.poll();
                    batch.add(next);
                    points += next.items().size();
                }
                commit(batch, serverTimes);
                batch.clear();
                maintain();
            }
        }

        /** A device's delete runs here; a property's runs on the first lane once every lane reached it. */
        private void atDelete(Delete d) {
            Barrier b = d.barrier();
            if (b == null) {
                delete(d);
                return;
            }
            b.arrived().countDown();
            if (index != 0) {
                b.ran().join();
                return;
            }
            try {
                b.arrived().await();
                delete(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                d.done().completeExceptionally(e);
            } finally {
                b.ran().complete(null);
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
    }

    private void commit(List<Job> jobs, ServerTimes serverTimes) {
        Batch batch = new Batch(latest, serverTimes);
        jobs.forEach(batch::add);
        batch.findStored(series);
        try {
            series.write(batch.history(), batch.latest(), batch.logs);
        } catch (RuntimeException e) {
            LOG.error("Storing {} points failed; the writers are told", batch.points(), e);
            jobs.forEach(j -> j.done().completeExceptionally(e));
            return;
        }
        batch.overlay.values().forEach(s -> latest.offer(s.point()));
        for (Stored s : batch.history()) {
            dirty.add(s.point().deviceId() + "/" + s.point().propertyId());
        }
        events.publish(batch.events);
        for (int j = 0; j < jobs.size(); j++) {
            List<Integer> replaced = batch.replacedOf.get(j);
            jobs.get(j)
                    .done()
                    .complete(
                            replaced.isEmpty()
                                    ? Written.NONE
                                    : new Written(replaced.stream().sorted().toList()));
        }
    }

    private void delete(Delete d) {
        Removal.Removed removed;
        try {
            removed = d.removal().run();
        } catch (RuntimeException e) {
            LOG.error("Deleting data of {} failed", d.what(), e);
            d.done().completeExceptionally(e);
            return;
        }
        if (removed.event() != null) {
            events.publish(List.of(removed.event()));
        }
        d.done().complete(removed.count());
    }

    /** Stops taking writes, stores everything already queued, and stops the lanes' threads. */
    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Lane lane : lanes) {
            try {
                lane.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Lane lane : lanes) {
            Task late;
            while ((late = lane.queue.poll()) != null) {
                (late instanceof Job j ? j.done() : ((Delete) late).done())
                        .completeExceptionally(new IllegalStateException("The writer is shut down"));
            }
        }
    }
}
