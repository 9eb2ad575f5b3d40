package io.thingstead.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: {@code burst} tokens, refilled at {@code perSecond}; one take costs one
 * token. A reservation may also take a token that is not there yet (the bucket runs into debt) and
 * wait until it is due.
 */
public final class TokenBuckets {
    private static final class Bucket {
        double tokens;
        long last;
    }

    private final double perMilli;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double perSecond, int burst) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
    }

    /** Takes a token of the key's bucket at {@code nowMillis}; false when it has none left. */
    public boolean take(String key, long nowMillis) {
        return reserve(key, nowMillis, 0) == 0;
    }

    /**
     * Takes a token of the key's bucket at {@code nowMillis}, one that is due within {@code
     * maxWaitMillis} if none is left: returns how many milliseconds until it is due (0: at once),
     * or -1 when none is due in time (then nothing is taken).
     */
    public long reserve(String key, long nowMillis, long maxWaitMillis) {
        Bucket b = buckets.computeIfAbsent(key, k -> {
            Bucket n = new Bucket();
            n.tokens = burst;
            n.last = nowMillis;
            return n;
        });
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + Math.max(0, nowMillis - b.last) * perMilli);
            b.last = Math.max(b.last, nowMillis);
            long wait = b.tokens >= 1 ? 0 : (long) Math.ceil((1 - b.tokens) / perMilli);
            if (wait > maxWaitMillis) {
                return -1;
            }
            b.tokens -= 1;
            return wait;
        }
    }

    public void forget(String key) {
        buckets.remove(key);
    }
}
