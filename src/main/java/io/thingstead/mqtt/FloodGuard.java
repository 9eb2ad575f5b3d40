package io.thingstead.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per device: {@value #RATE} messages a second sustained, bursts up to {@value
 * #BURST}. A flooding client's excess is dropped (and logged at most once a second), and nothing
 * else is affected.
 */
final class FloodGuard {
    static final int RATE = 1000;
    static final int BURST = 2000;

    private static final class Bucket {
        double tokens = BURST;
        long last;
        long lastWarning;
    }

    /** What to do with one message. */
    enum Verdict {
        PASS,
        DROP,
        DROP_AND_WARN
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    Verdict take(String deviceId, long nowMillis) {
        Bucket b = buckets.computeIfAbsent(deviceId, k -> {
            Bucket n = new Bucket();
            n.last = nowMillis;
            return n;
        });
        synchronized (b) {
            b.tokens = Math.min(BURST, b.tokens + (nowMillis - b.last) * RATE / 1000.0);
            b.last = nowMillis;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Verdict.PASS;
            }
            if (nowMillis - b.lastWarning >= 1000) {
                b.lastWarning = nowMillis;
                return Verdict.DROP_AND_WARN;
            }
            return Verdict.DROP;
        }
    }

    void forget(String deviceId) {
        buckets.remove(deviceId);
    }
}
