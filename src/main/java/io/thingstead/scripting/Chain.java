package io.thingstead.scripting;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The outermost method call on a thread and the calls it nests: one deadline and one memory budget
 * for all of them, and the contexts they are using, which the watchdog cancels together when the
 * deadline passes or the thread has allocated more than the budget. A context goes back to the
 * pool only if the chain was not stopped. A chain that has computed for long runs on at the
 * operating system's idle priority until it ends ({@link #lower}).
 */
final class Chain {
    /** Why the watchdog stopped a chain. */
    enum Stop {
        TIME,
        /** Past its own memory budget. */
        MEMORY,
        /** The calls running at once had allocated more than they may together, this one the most. */
        SHARED_MEMORY
    }

    private final List<ScriptContext> inUse = new ArrayList<>();
    private final List<Future<?>> watches = new ArrayList<>();
    private final long threadId = Thread.currentThread().threadId();
    private final int nativeId = ThreadPriority.currentId();
    private volatile long allocatedAtStart = ThreadCounts.UNKNOWN;
    private volatile long cpuAtStart = ThreadCounts.UNKNOWN;
    private boolean finished;
    private volatile boolean lowerTried;
    private boolean lowered;
    private Stop stopped;
    private volatile boolean depthExceeded;

    synchronized void watchedBy(Future<?> future) {
        watches.add(future);
    }

    /**
     * From now on the thread's allocations count against the budget, and its CPU time towards
     * being {@link #lower lowered}; false if neither can be counted (a virtual thread).
     */
    boolean startCounting() {
        allocatedAtStart = ThreadCounts.allocated();
        cpuAtStart = ThreadCounts.cpu();
        return allocatedAtStart != ThreadCounts.UNKNOWN || cpuAtStart != ThreadCounts.UNKNOWN;
    }

    /** Bytes allocated by the chain's thread since {@link #startCounting}, or {@link ThreadCounts#UNKNOWN}. */
    long allocated() {
        return since(allocatedAtStart, ThreadCounts.allocated(threadId));
    }

    /** CPU time (ns) the chain's thread has used since {@link #startCounting}, or {@link ThreadCounts#UNKNOWN}. */
    long cpu() {
        return since(cpuAtStart, ThreadCounts.cpu(threadId));
    }

    private static long since(long start, long now) {
        return now == ThreadCounts.UNKNOWN || start == ThreadCounts.UNKNOWN ? ThreadCounts.UNKNOWN : now - start;
    }

    /** Whether {@link #lower} was tried already: the watch then no longer reads the thread's CPU time. */
    boolean lowerTried() {
        return lowerTried;
    }

    /**
     * Called by the watch: moves the chain's thread to the operating system's idle priority ({@link
     * ThreadPriority}) for the rest of the chain, once; not if the chain has finished, so a thread
     * is never lowered for the next chain it runs.
     */
    synchronized void lower() {
        if (!finished && !lowerTried) {
            lowerTried = true;
            lowered = ThreadPriority.lower(nativeId);
        }
    }

    /** A context this chain now runs in; false if the chain was stopped already. */
    synchronized boolean enter(ScriptContext context) {
        if (stopped != null) {
            return false;
        }
        inUse.add(context);
        return true;
    }

    /** The chain no longer runs in this context: true if it may be reused. */
    synchronized boolean leave(ScriptContext context) {
        inUse.remove(context);
        return stopped == null;
    }

    /** Called by the watchdog: the contexts to cancel (none if finished or stopped already). */
    synchronized List<ScriptContext> stop(Stop why) {
        if (finished || stopped != null) {
            return List.of();
        }
        stopped = why;
        return List.copyOf(inUse);
    }

    /** Why the chain was stopped, or null. */
    synchronized Stop stopped() {
        return stopped;
    }

    /** The chain has ended: called on its own thread, which gets its priority back if it was lowered. */
    synchronized void finish() {
        finished = true;
        watches.forEach(w -> w.cancel(false));
        if (lowered) {
            ThreadPriority.restore();
        }
    }

    void depthExceeded() {
        depthExceeded = true;
    }

    boolean wasDepthExceeded() {
        return depthExceeded;
    }
}
