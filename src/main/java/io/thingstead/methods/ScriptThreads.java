package io.thingstead.methods;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
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
import java.util.function.Supplier;

/**
 * The threads method calls run on (docs/methods.md: Limits): platform threads of their own, so a
 * script that computes for its whole time limit never holds a carrier of the server's virtual
 * threads (requests, MQTT) and the operating system shares the cores fairly. At most {@code
 * perAccount} calls of one account run at once, and {@code total} in all; a call beyond is
 * refused at once ({@code RateLimited}), never queued behind a runaway script. The caller waits
 * for the call at most its time limit and a grace period.
 */
public final class ScriptThreads implements AutoCloseable {
    public static final int DEFAULT_PER_ACCOUNT = 8;
    public static final int DEFAULT_TOTAL = 64;
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final int perAccount;
    private final ThreadPoolExecutor pool;
    private final Map<String, Semaphore> running = new ConcurrentHashMap<>();

    public ScriptThreads(int perAccount, int total) {
        this.perAccount = perAccount;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, total, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "method-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} on a script thread and waits for it; its {@link ApiException} is rethrown here. */
    public <T> T run(String accountId, Duration limit, Supplier<T> work) {
        Semaphore slots = slots(accountId);
        Future<T> future;
        try {
            future = pool.submit(() -> {
                try {
                    return work.get();
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            throw full();
        }
        return await(future, limit.plus(GRACE));
    }

    /**
     * Starts {@code work} on a script thread and returns at once, without waiting for it (a run
     * nobody waits for: a bound input's); {@code then} runs on that thread once {@code work} has
     * ended and given its slot back, so it may start the next run. Refused at once, as {@link #run}
     * is, when the caps are full (then neither runs).
     */
    public void start(String accountId, Runnable work, Runnable then) {
        Semaphore slots = slots(accountId);
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } finally {
                    slots.release();
                    then.run();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            throw full();
        }
    }

    /** The account's slots, one of them taken; {@code RateLimited} when none is free. */
    private Semaphore slots(String accountId) {
        Semaphore slots = running.computeIfAbsent(accountId, id -> new Semaphore(perAccount));
        if (!slots.tryAcquire()) {
            throw new ApiException(
                    ErrorCode.RATE_LIMITED,
                    "The account runs " + perAccount + " methods at once already; try again when one has finished");
        }
        return slots;
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
