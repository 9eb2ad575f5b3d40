package io.thingstead.scripting;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;

/**
 * The watchdog's eye on memory and CPU (docs/methods.md: Limits): every {@link #EVERY} while calls
 * run, it reads what each running chain's thread has allocated since the chain started, and stops
 * a chain past its own budget; and if the running chains together have allocated more than {@code
 * shared} (by default half the heap) while the heap too holds more than that, it stops the one that
 * allocated most. A chain holds at most what it allocated, so method calls together never hold
 * more than {@code shared} for longer than one look, however many run at once. Allocations are the
 * JVM's count per thread ({@link ThreadCounts}); a single allocation is seen only once it is made.
 * A chain whose thread has used more than {@link #LOWER_AFTER} of CPU is {@link Chain#lower
 * lowered}: it runs on with the CPU the server's own work leaves.
 */
final class ChainWatch {
    /** How often a look is taken while calls run. */
    static final Duration EVERY = Duration.ofMillis(10);
    /**
     * The CPU time after which a chain yields the cores: far above a method of a few built-in calls
     * (well under 1 ms), so only a script that computes for long runs at the idle priority.
     */
    static final Duration LOWER_AFTER = Duration.ofMillis(20);

    private final ScheduledExecutorService executor;
    private final long shared;
    private final BiConsumer<Chain, Chain.Stop> stop;
    private final Map<Chain, Long> running = new HashMap<>();
    private ScheduledFuture<?> looking;

    ChainWatch(ScheduledExecutorService executor, long shared, BiConsumer<Chain, Chain.Stop> stop) {
        this.executor = executor;
        this.shared = shared;
        this.stop = stop;
    }

    /** Watches a chain that counts its allocations, against its own {@code budget} and the shared one. */
    synchronized void add(Chain chain, long budget) {
        running.put(chain, budget);
        if (looking == null) {
            long every = EVERY.toNanos();
            looking = executor.scheduleWithFixedDelay(this::look, every, every, NANOSECONDS);
        }
    }

    synchronized void remove(Chain chain) {
        if (running.remove(chain) != null && running.isEmpty() && looking != null) {
            looking.cancel(false);
            looking = null;
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    void look() {
        Map<Chain, Long> now;
        synchronized (this) {
            now = new HashMap<>(running);
        }
        long total = 0;
        Chain most = null;
        long mostBytes = 0;
        for (Map.Entry<Chain, Long> e : now.entrySet()) {
            if (!e.getKey().lowerTried() && e.getKey().cpu() > LOWER_AFTER.toNanos()) {
                e.getKey().lower();
            }
            long bytes = e.getKey().allocated();
            if (bytes == ThreadCounts.UNKNOWN) {
                continue;
            }
            if (bytes > e.getValue()) {
                stop.accept(e.getKey(), Chain.Stop.MEMORY);
                continue;
            }
            total += bytes;
            if (bytes > mostBytes) {
                most = e.getKey();
                mostBytes = bytes;
            }
        }
        // garbage counts in what calls allocated: stop one only while the heap holds that much too
        if (total > shared && most != null && heapUsed() > shared) {
            stop.accept(most, Chain.Stop.SHARED_MEMORY);
        }
    }
}
