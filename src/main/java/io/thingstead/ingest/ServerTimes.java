package io.thingstead.ingest;

import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Server-assigned point times are unique in their series (README: Data, point times): a point the
 * server times gets the later of its clock time and 1 ms after the last time the server assigned
 * in that series, so two raw values of one millisecond are both kept. Used by the store writer's
 * thread alone, which sees the writes in order.
 *
 * <p>Memory stays bounded: a series' last assigned time is forgotten a minute after it, when the
 * clock has long passed it. What is forgotten (and everything after a restart) is found again in
 * the series' latest value when the server timed that point: such points carry {@link #MARK} in
 * their meta (stored with them, never shown), so a time is never assigned at or before a stored
 * latest server-assigned time.
 */
final class ServerTimes {
    /** The meta key of a point whose time the server assigned. */
    static final String MARK = "st";

    static final long FORGET_AFTER_MS = 60_000;

    private final Map<Writer.Series, Long> last = new HashMap<>();
    private final LatestValues latest;
    private final InstantSource clock;
    private long nextPrune = Long.MIN_VALUE;

    ServerTimes(LatestValues latest, InstantSource clock) {
        this.latest = latest;
        this.clock = clock;
    }

    /** The time of a server-timed point {@code p} of the series {@code key}. */
    long assign(Writer.Series key, DataPoint p) {
        Long before = last.get(key);
        if (before == null) {
            DataPoint l = latest.get(p.deviceId(), p.propertyId());
            before = l != null && l.meta() != null && l.meta().has(MARK) ? l.time() : null;
        }
        long time = before == null ? p.time() : Math.max(p.time(), before + 1);
        last.put(key, time);
        return time;
    }

    /** Forgets the series whose last assigned time the clock passed a minute ago (at most once a minute). */
    void prune() {
        long now = clock.millis();
        if (now < nextPrune) {
            return;
        }
        nextPrune = now + FORGET_AFTER_MS;
        last.values().removeIf(t -> t < now - FORGET_AFTER_MS);
    }
}
