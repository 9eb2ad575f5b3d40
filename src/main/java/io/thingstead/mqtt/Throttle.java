package io.thingstead.mqtt;

import io.thingstead.core.TokenBucket;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.runtime.Slot;

/**
 * The publish rate of each device (README: MQTT, the throttle): a token bucket per device of
 * {@code rate} messages a second and bursts of twice that. A message beyond the rate is not
 * dropped but held: it takes a token that is not there yet and waits until that token is due, so
 * its PUBACK comes late and the client's in-flight window paces it. A QoS 0 message has no
 * acknowledgement to hold and is dropped instead. A message that has waited for its turn, since it
 * reached the broker, longer than {@code maxBacklogMs} with what it would still have to wait is
 * over the device's quota: it takes no token and is not stored.
 *
 * <p>Times are the real clock's milliseconds (a message's arrival is stamped by the broker).
 * Throttling comes in episodes: one starts with the first message held, dropped or over quota
 * after the device kept to its rate for as long as a full burst takes to refill.
 */
final class Throttle {
    /** What happens to one message. */
    enum Kind {
        /** Within the rate: goes on at once. */
        PASS,
        /** Beyond the rate: goes on after {@link Decision#waitMs()}. */
        HOLD,
        /** A QoS 0 message beyond the rate: dropped. */
        DROP,
        /** It would wait longer than the quota allows: refused. */
        OVER_QUOTA
    }

    /**
     * The decision for one message; {@code episodeStarts} when it is the first throttled message
     * of an episode, {@code firstOverQuota} when it is the episode's first message over quota.
     */
    record Decision(Kind kind, long waitMs, boolean episodeStarts, boolean firstOverQuota) {
        static final Decision PASS = new Decision(Kind.PASS, 0, false, false);
    }

    /**
     * A device's rate: its bucket, when it was last throttled, and whether its episode said "over
     * quota" yet. Runtime state of the device ({@link DeviceRuntime}), freed with it.
     */
    private static final class Rate {
        final TokenBucket bucket;
        long lastThrottled;
        boolean overQuotaSaid;

        Rate(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    /** An episode ends after this long within the rate: a full burst takes it to refill. */
    static final long QUIET_MS = 2_000;

    private final int rate;
    private final long maxBacklogMs;
    private final Slot<Rate> rates;

    /** {@code rate} messages a second per device; {@code maxBacklogMs} how long a message may wait. */
    Throttle(int rate, long maxBacklogMs, DeviceRuntime runtime) {
        this.rate = rate;
        this.maxBacklogMs = maxBacklogMs;
        this.rates = runtime.slot("MQTT publish rate");
    }

    int rate() {
        return rate;
    }

    int burst() {
        return 2 * rate;
    }

    long maxBacklogMs() {
        return maxBacklogMs;
    }

    /** Takes the turn of one message of the device that reached the broker at {@code arrivedAt}. */
    Decision take(String deviceId, long now, long arrivedAt, boolean qos0) {
        long waited = Math.max(0, now - arrivedAt);
        Rate r = rates.computeIfAbsent(deviceId, id -> new Rate(new TokenBucket(rate, burst(), now)));
        long wait = r.bucket.reserve(now, qos0 ? 0 : Math.max(0, maxBacklogMs - waited));
        if (wait == 0) {
            return Decision.PASS;
        }
        Kind kind = wait > 0 ? Kind.HOLD : qos0 ? Kind.DROP : Kind.OVER_QUOTA;
        synchronized (r) {
            boolean starts = r.lastThrottled == 0 || now - r.lastThrottled > QUIET_MS;
            if (starts) {
                r.overQuotaSaid = false;
            }
            r.lastThrottled = now;
            boolean firstOverQuota = kind == Kind.OVER_QUOTA && !r.overQuotaSaid;
            r.overQuotaSaid |= firstOverQuota;
            return new Decision(kind, Math.max(0, wait), starts, firstOverQuota);
        }
    }
}
