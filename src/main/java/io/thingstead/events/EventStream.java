package io.thingstead.events;

import io.thingstead.core.Subscription;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the events of each commit to every subscriber (README: How a data point travels).
 *
 * <p>A <b>view</b> ({@link #view}) is memory the platform keeps of the store (the latest values,
 * the activity deadlines): it is applied on the writer's thread right after the commit, before any
 * writer is acknowledged, so a read after an acknowledgement sees it. It must only update memory.
 *
 * <p>A <b>subscriber</b> ({@link #subscribe}) is fed on its own bounded lanes, one per device
 * (by {@link StoredEvent#lane}), each drained by one task at a time on a virtual thread (which
 * takes up to {@value #DRAIN_STEP} events out at once; the lane's capacity counts those still in it): a
 * device's events arrive in commit order, different devices' in parallel, and a slow subscriber
 * holds up only its own lanes, never the writer or another subscriber. A full lane drops its oldest
 * event to take the new one: the subscriber's {@link Feed#dropped} counts them and a warning names
 * the subscriber at most every {@value #OVERFLOW_LOG_SECONDS} s. An event a subscriber throws on is
 * logged and skipped.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    /** Events one device's lane holds for a subscriber by default. */
    public static final int DEFAULT_LANE = 1_000;

    static final long OVERFLOW_LOG_SECONDS = 10;
    /** Events a lane's task takes out at once (fewer steps on the lane; the rest wait as before). */
    private static final int DRAIN_STEP = 64;

    private final List<View> views = new CopyOnWriteArrayList<>();
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();
    private final ExecutorService lanes = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("thingstead-events-", 0).factory());

    private record View(String name, Consumer<StoredEvent> apply) {}

    /** Applies {@code apply} to every event on the writer's thread, after the commit and before the acks. */
    public Subscription view(String name, Consumer<StoredEvent> apply) {
        View v = new View(name, apply);
        views.add(v);
        return () -> views.remove(v);
    }

    /** Feeds {@code subscriber} on lanes of {@value #DEFAULT_LANE} events per device. */
    public Feed subscribe(String name, Consumer<StoredEvent> subscriber) {
        return subscribe(name, DEFAULT_LANE, subscriber);
    }

    /** Feeds {@code subscriber} on lanes of {@code laneCapacity} (1 or more) events per device. */
    public Feed subscribe(String name, int laneCapacity, Consumer<StoredEvent> subscriber) {
        return subscribe(name, laneCapacity, e -> true, subscriber);
    }

    /**
     * Feeds {@code subscriber} only the events {@code wanted} accepts, on lanes of {@code
     * laneCapacity} events per device. {@code wanted} is asked on the writer's thread as each event
     * is published: it must be cheap and read memory only; an event it throws on is not delivered.
     */
    public Feed subscribe(
            String name, int laneCapacity, Predicate<StoredEvent> wanted, Consumer<StoredEvent> subscriber) {
        if (laneCapacity < 1) {
            throw new IllegalArgumentException("A lane holds 1 event or more, got " + laneCapacity);
        }
        Feed f = new Feed(name, laneCapacity, wanted, subscriber);
        feeds.add(f);
        return f;
    }

    /**
     * The events of one commit, in commit order: applied to every view, then queued on every
     * subscriber's lanes. Called by the store writer alone, never for a failed commit; never blocks.
     */
    public void publish(List<? extends StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (View v : views) {
            for (StoredEvent e : events) {
                try {
                    v.apply().accept(e);
                } catch (RuntimeException ex) {
                    LOG.error("View {} failed on {}", v.name(), e.getClass().getSimpleName(), ex);
                }
            }
        }
        for (Feed f : feeds) {
            f.offer(events);
        }
    }

    /** Stops every lane; events not yet delivered are dropped. */
    @Override
    public void close() {
        feeds.forEach(Feed::close);
        lanes.shutdown();
        try {
            lanes.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One device's events waiting for one subscriber; {@code running} while a task drains it. */
    private static final class Lane {
        final ArrayDeque<StoredEvent> events = new ArrayDeque<>();
        boolean running;
    }

    /** One subscriber with its lanes; closing it unsubscribes. */
    public final class Feed implements Subscription {
        private final String name;
        private final int capacity;
        private final Predicate<StoredEvent> wanted;
        private final Consumer<StoredEvent> subscriber;
        /** Lanes by key; a lane and its queue are only touched inside {@code compute} for its key. */
        private final Map<String, Lane> byKey = new ConcurrentHashMap<>();

        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong nextWarning = new AtomicLong(Long.MIN_VALUE);
        private volatile boolean closed;

        private Feed(String name, int capacity, Predicate<StoredEvent> wanted, Consumer<StoredEvent> subscriber) {
            this.name = name;
            this.capacity = capacity;
            this.wanted = wanted;
            this.subscriber = subscriber;
        }

        /** How many events a full lane dropped so far. */
        public long dropped() {
            return dropped.get();
        }

        /** Queues the events it wants, one step per device's lane: a commit holds many events of few devices. */
        private void offer(List<? extends StoredEvent> events) {
            if (closed) {
                return;
            }
            Map<String, List<StoredEvent>> byLane = new LinkedHashMap<>();
            for (StoredEvent e : events) {
                if (wants(e)) {
                    byLane.computeIfAbsent(e.lane(), k -> new ArrayList<>(2)).add(e);
                }
            }
            byLane.forEach(this::offer);
        }

        private void offer(String key, List<StoredEvent> events) {
            boolean[] start = {false};
            int[] overflow = {0};
            byKey.compute(key, (k, lane) -> {
                Lane l = lane == null ? new Lane() : lane;
                for (StoredEvent e : events) {
                    if (l.events.size() >= capacity) {
                        l.events.pollFirst();
                        overflow[0]++;
                    }
                    l.events.addLast(e);
                }
                if (!l.running) {
                    l.running = true;
                    start[0] = true;
                }
                return l;
            });
            if (overflow[0] > 0) {
                overflowed(key, overflow[0]);
            }
            if (start[0]) {
                try {
                    lanes.execute(() -> drain(key));
                } catch (RejectedExecutionException shuttingDown) {
                    byKey.remove(key);
                }
            }
        }

        private boolean wants(StoredEvent e) {
            try {
                return wanted.test(e);
            } catch (RuntimeException ex) {
                LOG.error("Subscriber {} failed to filter an event of {}", name, e.lane(), ex);
                return false;
            }
        }

        /** Delivers the lane's events in order until it is empty; an empty lane is forgotten. */
        private void drain(String key) {
            List<StoredEvent> next = new ArrayList<>();
            while (true) {
                next.clear();
                byKey.computeIfPresent(key, (k, l) -> {
                    while (!closed && next.size() < DRAIN_STEP && !l.events.isEmpty()) {
                        next.add(l.events.pollFirst());
                    }
                    if (next.isEmpty()) {
                        l.running = false;
                        return null;
                    }
                    return l;
                });
                if (next.isEmpty()) {
                    return;
                }
                for (StoredEvent e : next) {
                    if (closed) {
                        return;
                    }
                    try {
                        subscriber.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.error("Subscriber {} failed on an event of {}", name, key, ex);
                    }
                }
            }
        }

        private void overflowed(String key, int count) {
            long total = dropped.addAndGet(count);
            long now = System.nanoTime();
            long due = nextWarning.get();
            if ((due == Long.MIN_VALUE || now - due >= 0)
                    && nextWarning.compareAndSet(
                            due, now + Duration.ofSeconds(OVERFLOW_LOG_SECONDS).toNanos())) {
                LOG.warn(
                        "Subscriber {} is behind: the lane of {} is full ({} events), its oldest event was dropped"
                                + " ({} dropped so far; logged at most every {} s)",
                        name,
                        key,
                        capacity,
                        total,
                        OVERFLOW_LOG_SECONDS);
            }
        }

        /** Unsubscribes: no event is delivered after this returns but one a lane is delivering now. */
        @Override
        public void close() {
            closed = true;
            feeds.remove(this);
            byKey.clear();
        }
    }
}
