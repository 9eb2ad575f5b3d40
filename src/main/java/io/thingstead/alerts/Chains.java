package io.thingstead.alerts;

import io.thingstead.core.Spans;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Handler chains as pure functions (docs/alerts.md: Handlers): which handler is due when; the
 * timers themselves are the incidents' {@link Incident#pending} handlers, run by {@link AlertTimers}. A chain starts at its condition's first handler; after a handler runs, its {@code next}
 * is due {@code timeout} later (at once without one); without {@code next} the chain ends.
 */
public final class Chains {
    private Chains() {}

    /** A handler due to run at a time. */
    public record Due(Handler handler, Instant at) {}

    /** The first handler of the condition's chain, due now. */
    public static Due start(Condition c, Instant now) {
        return new Due(c.handlers().get(0), now);
    }

    /** The handler due after {@code ran} ran at {@code ranAt}, or null when the chain ends. */
    public static Due after(Condition c, Handler ran, Instant ranAt) {
        if (ran.next() == null) {
            return null;
        }
        Handler next = c.handler(ran.next());
        if (next == null) {
            return null;
        }
        Duration wait = ran.timeout() == null ? Duration.ZERO : Spans.parse("timeout", ran.timeout());
        return new Due(next, ranAt.plus(wait));
    }

    /**
     * What runs now from {@code from} on: it and each {@code next} reached without a timeout, each
     * handler once; {@code pending} is the handler due after the first timeout (null: the chain
     * ends). A timer that fell due long ago runs once: its next is due a timeout after {@code now}.
     */
    public record Plan(List<Handler> run, Incident.Pending pending) {
        public Plan {
            run = List.copyOf(run);
        }
    }

    /** The plan of a chain from the handler {@code from} (a condition's first, or one a timer reached) at {@code now}. */
    public static Plan plan(Condition c, Handler from, Instant now) {
        List<Handler> run = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Handler h = from; h != null && seen.add(h.key()); ) {
            run.add(h);
            Due due = after(c, h, now);
            if (due == null) {
                break;
            }
            if (h.timeout() != null) {
                return new Plan(run, new Incident.Pending(due.handler().key(), due.at()));
            }
            h = due.handler();
        }
        return new Plan(run, null);
    }

    /**
     * The handlers a {@code notification} condition runs on each match, all at once: the first
     * and each {@code next} from it, timeouts ignored, each handler once even when the chain loops.
     */
    public static List<Handler> passThrough(Condition c) {
        List<Handler> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Handler h = c.handlers().get(0);
                h != null && seen.add(h.key());
                h = h.next() == null ? null : c.handler(h.next())) {
            out.add(h);
        }
        return out;
    }
}
