package io.thingstead.scripting;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The outermost method call on a thread and the calls it nests: one deadline for all of them, and
 * the contexts they are using, which the watchdog cancels together when the deadline passes. A
 * context goes back to the pool only if the chain was not cancelled.
 */
final class Chain {
    private final List<ScriptContext> inUse = new ArrayList<>();
    private boolean finished;
    private boolean timedOut;
    private volatile boolean depthExceeded;
    private ScheduledFuture<?> watch;

    synchronized void watchedBy(ScheduledFuture<?> future) {
        this.watch = future;
    }

    /** A context this chain now runs in; false if the chain has timed out already. */
    synchronized boolean enter(ScriptContext context) {
        if (timedOut) {
            return false;
        }
        inUse.add(context);
        return true;
    }

    /** The chain no longer runs in this context: true if it may be reused. */
    synchronized boolean leave(ScriptContext context) {
        inUse.remove(context);
        return !timedOut;
    }

    /** Called by the watchdog at the deadline: the contexts to cancel (none if finished). */
    synchronized List<ScriptContext> timeOut() {
        if (finished) {
            return List.of();
        }
        timedOut = true;
        return List.copyOf(inUse);
    }

    synchronized boolean timedOut() {
        return timedOut;
    }

    synchronized void finish() {
        finished = true;
        if (watch != null) {
            watch.cancel(false);
        }
    }

    void depthExceeded() {
        depthExceeded = true;
    }

    boolean wasDepthExceeded() {
        return depthExceeded;
    }
}
