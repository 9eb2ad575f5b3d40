package io.thingstead.alerts;

import io.thingstead.core.Spans;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Handler chains, without timers of their own (docs/alerts.md: Handlers): which handler is due
 * when. A chain starts at its condition's first handler; after a handler runs, its {@code next}
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
