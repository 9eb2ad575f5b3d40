package io.thingstead.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per key: {@code burst} tokens, refilled at {@code perSecond}; one take costs one token. */
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
        Bucket b = buckets.computeIfAbsent(key, k -> {
            Bucket n = new Bucket();
            n.tokens = burst;
            n.last = nowMillis;
            return n;
        });
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + Math.max(0, nowMillis - b.last) * perMilli);
            b.last = nowMillis;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    public void forget(String key) {
        buckets.remove(key);
    }
}
