package io.thingstead.alerts.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded work per destination: at most {@code queue} jobs wait, all destinations together, and
 * at most {@code perDestination} run at once for one destination, each on a virtual thread of its
 * own started only while its destination has work. A destination that hangs fills only its own
 * workers; the others keep going. {@link #offer} never blocks: a job that does not fit is refused.
 */
final class Lanes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);

    /** A unit of work; told when it is dropped unrun (the server stopping). */
    interface Job extends Runnable {
        void dropped(String reason);
    }

    private static final class Lane {
        final ArrayDeque<Job> waiting = new ArrayDeque<>();
        int running;
    }

    private final int queue;
    private final int perDestination;
    private final Duration drain;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Set<Thread> workers = new HashSet<>();
    private int waiting;
    private boolean closed;

    /** {@code drain}: how long {@link #close} lets the work already taken finish. */
    Lanes(int queue, int perDestination, Duration drain) {
        this.queue = queue;
        this.perDestination = perDestination;
        this.drain = drain;
    }

    /** Queues {@code job} for {@code destination}; false when the queue is full or closed. */
    synchronized boolean offer(String destination, Job job) {
        if (closed || waiting >= queue) {
            return false;
        }
        Lane lane = lanes.computeIfAbsent(destination, k -> new Lane());
        lane.waiting.add(job);
        waiting++;
        if (lane.running < perDestination) {
            lane.running++;
            workers.add(Thread.ofVirtual().name("thingstead-notify").start(() -> work(destination, lane)));
        }
        return true;
    }

    private void work(String destination, Lane lane) {
        while (true) {
            Job job;
            synchronized (this) {
                job = lane.waiting.poll();
                if (job == null) {
                    lane.running--;
                    if (lane.running == 0) {
                        lanes.remove(destination, lane);
                    }
                    workers.remove(Thread.currentThread());
                    notifyAll();
                    return;
                }
                waiting--;
            }
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("A notification to {} failed: {}", destination, e.toString(), e);
            }
        }
    }

    /** True once {@link #close} began: no job is taken any more. */
    synchronized boolean closed() {
        return closed;
    }

    /** Jobs waiting now, all destinations together. */
    synchronized int waiting() {
        return waiting;
    }

    /**
     * Takes no more jobs, lets those taken finish for up to the drain time, then interrupts the
     * workers still busy (an HTTP request in flight is cancelled) and drops what still waits,
     * telling each job, then gives the interrupted workers a moment to say how they ended.
     */
    @Override
    public void close() {
        Set<Thread> left;
        List<Job> dropped = new ArrayList<>();
        synchronized (this) {
            closed = true;
            long until = System.nanoTime() + drain.toNanos();
            while (!workers.isEmpty() && System.nanoTime() < until) {
                try {
                    wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            lanes.values().forEach(l -> {
                dropped.addAll(l.waiting);
                l.waiting.clear();
            });
            waiting = 0;
            left = new HashSet<>(workers);
        }
        if (!dropped.isEmpty()) {
            LOG.warn("Stopping with {} notifications not delivered", dropped.size());
        }
        dropped.forEach(j -> j.dropped("the server is stopping"));
        left.forEach(Thread::interrupt);
        for (Thread t : left) {
            try {
                t.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
