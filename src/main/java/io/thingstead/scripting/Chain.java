package io.thingstead.scripting;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The outermost method call on a thread and the calls it nests: one deadline and one memory budget
 * for all of them, and the contexts they are using, which the watchdog cancels together when the
 * deadline passes or the thread has allocated more than the budget. A context goes back to the
 * pool only if the chain was not stopped.
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
    private volatile long allocatedAtStart = Allocations.UNKNOWN;
    private boolean finished;
    private Stop stopped;
    private volatile boolean depthExceeded;

    synchronized void watchedBy(Future<?> future) {
        watches.add(future);
    }

    /** From now on the thread's allocations count against the budget; false if they cannot be counted. */
    boolean countAllocations() {
        allocatedAtStart = Allocations.current();
        return allocatedAtStart != Allocations.UNKNOWN;
    }

    /** Bytes allocated by the chain's thread since {@link #countAllocations}, or {@link Allocations#UNKNOWN}. */
    long allocated() {
        long now = Allocations.of(threadId);
        return now == Allocations.UNKNOWN || allocatedAtStart == Allocations.UNKNOWN
                ? Allocations.UNKNOWN
                : now - allocatedAtStart;
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

    synchronized void finish() {
        finished = true;
        watches.forEach(w -> w.cancel(false));
    }

    void depthExceeded() {
        depthExceeded = true;
    }

    boolean wasDepthExceeded() {
        return depthExceeded;
    }
}
