package io.thingstead.methods;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.scripting.ThreadPriority;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads method calls run on (docs/methods.md: Limits): platform threads of their own, so a
 * script that computes for its whole time limit never holds a carrier of the server's virtual
 * threads (requests, MQTT) and the operating system shares the cores fairly. At most {@code
 * perAccount} calls of one account run at once, and {@code total} in all. A call beyond waits for
 * a free slot at most {@code slotWait} (first come, first served), so a burst of short calls is
 * served, and is then refused ({@code RateLimited} for the account's cap, {@code Unavailable} for
 * the total): it never queues for long behind runaway scripts. A slot is held while the script
 * runs, which the script runtime's watchdog ends at its time limit; the caller waits for the call
 * at most its time limit and a grace period.
 */
public final class ScriptThreads implements AutoCloseable {
    public static final int DEFAULT_PER_ACCOUNT = 8;
    public static final int DEFAULT_TOTAL = 64;
    /** How long a call waits for a free slot by default (docs/methods.md: Limits). */
    public static final Duration DEFAULT_SLOT_WAIT = Duration.ofMillis(300);

    private static final Duration GRACE = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(ScriptThreads.class);

    private final int perAccount;
    private final BooleanSupplier retire;
    private final long slotWaitNanos;
    private final Semaphore all;
    private final ThreadPoolExecutor pool;
    private final Map<String, Semaphore> running = new ConcurrentHashMap<>();

    /** With the default wait for a free slot. */
    public ScriptThreads(int perAccount, int total) {
        this(perAccount, total, DEFAULT_SLOT_WAIT);
    }

    public ScriptThreads(int perAccount, int total, Duration slotWait) {
        this(perAccount, total, slotWait, ThreadPriority::leftLow);
    }

    /** {@code retire}: asked on a script thread after each task, true if the thread must end. */
    ScriptThreads(int perAccount, int total, Duration slotWait, BooleanSupplier retire) {
        this.perAccount = perAccount;
        this.retire = retire;
        this.slotWaitNanos = slotWait.toNanos();
        this.all = new Semaphore(total, true);
        AtomicInteger n = new AtomicInteger();
        // The semaphores bound the calls running; a thread that has just released its slots is
        // still finishing its task, so the pool may start a few more threads than that, never
        // more than twice as many.
        this.pool =
                new ThreadPoolExecutor(0, 2 * total, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "method-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setUncaughtExceptionHandler(ScriptThreads::uncaught);
                    return t;
                }) {
                    @Override
                    protected void afterExecute(Runnable task, Throwable thrown) {
                        if (retire.getAsBoolean()) {
                            throw new Retired();
                        }
                    }
                };
    }

    /**
     * Thrown after a task to end its thread (how a {@link ThreadPoolExecutor} lets a worker go): the
     * call left the thread at the idle priority ({@link ThreadPriority#leftLow}), and the next call
     * must not start there; the pool starts a fresh thread when one is needed.
     */
    private static final class Retired extends RuntimeException {
        Retired() {
            super("retired", null, false, false);
        }
    }

    private static void uncaught(Thread thread, Throwable e) {
        if (!(e instanceof Retired)) {
            LOG.error("Script thread {} ended", thread.getName(), e);
        }
    }

    /** Runs {@code work} on a script thread and waits for it; its {@link ApiException} is rethrown here. */
    public <T> T run(String accountId, Duration limit, Supplier<T> work) {
        Semaphore slots = slots(accountId, slotWaitNanos);
        Future<T> future;
        try {
            future = pool.submit(() -> {
                try {
                    return work.get();
                } finally {
                    release(slots);
                }
            });
        } catch (RejectedExecutionException e) {
            release(slots);
            throw full();
        }
        return await(future, limit.plus(GRACE));
    }

    /**
     * Starts {@code work} on a script thread and returns at once, without waiting for it (a run
     * nobody waits for: a bound input's); {@code then} runs on that thread once {@code work} has
     * ended and given its slot back, so it may start the next run. Refused at once when the caps
     * are full or others wait for a slot (then neither runs): whoever stores the input's value
     * never waits for a slot.
     */
    public void start(String accountId, Runnable work, Runnable then) {
        Semaphore slots = slots(accountId, 0);
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } finally {
                    release(slots);
                    then.run();
                }
            });
        } catch (RejectedExecutionException e) {
            release(slots);
            throw full();
        }
    }

    /**
     * The account's slots, one of them taken, and one of the server's: each waited for until
     * {@code waitNanos} from now at most; {@code RateLimited} (the account's) or {@code
     * Unavailable} (the server's) when none is free by then.
     */
    private Semaphore slots(String accountId, long waitNanos) {
        Semaphore slots = running.computeIfAbsent(accountId, id -> new Semaphore(perAccount, true));
        long deadline = System.nanoTime() + waitNanos;
        if (!acquire(slots, deadline)) {
            throw new ApiException(
                    ErrorCode.RATE_LIMITED,
                    "The account runs " + perAccount + " methods at once already; try again when one has finished");
        }
        if (!acquire(all, deadline)) {
            slots.release();
            throw full();
        }
        return slots;
    }

    private void release(Semaphore slots) {
        all.release();
        slots.release();
    }

    /** A slot of {@code slots}, waiting for one until {@code deadline} ({@link System#nanoTime}) at most. */
    private static boolean acquire(Semaphore slots, long deadline) {
        try {
            return slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.UNAVAILABLE, "The call was interrupted");
        }
    }

    private static ApiException full() {
        return new ApiException(ErrorCode.UNAVAILABLE, "The server runs as many methods as it can; try again");
    }

    private static <T> T await(Future<T> future, Duration wait) {
        try {
            return future.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof OutOfMemoryError) {
                // the heap filled up on the call's thread outside its script; the thread goes on
                throw new ApiException(ErrorCode.METHOD_OUT_OF_MEMORY, "The method ran out of memory");
            }
            throw new ApiException(ErrorCode.UNAVAILABLE, "The method could not be run");
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.METHOD_TIMEOUT, "The method did not finish within its time limit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.UNAVAILABLE, "The call was interrupted");
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
