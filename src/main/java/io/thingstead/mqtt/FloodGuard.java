package io.thingstead.mqtt;

import io.thingstead.core.TokenBuckets;

/**
 * A token bucket per device: {@value #RATE} messages a second sustained, bursts up to {@value
 * #BURST}. A flooding client's excess is dropped (and logged at most once a second), and nothing
 * else is affected.
 */
final class FloodGuard {
    static final int RATE = 1000;
    static final int BURST = 2000;

    /** What to do with one message. */
    enum Verdict {
        PASS,
        DROP,
        DROP_AND_WARN
    }

    private final TokenBuckets messages = new TokenBuckets(RATE, BURST);
    private final TokenBuckets warnings = new TokenBuckets(1, 1);

    Verdict take(String deviceId, long nowMillis) {
        if (messages.take(deviceId, nowMillis)) {
            return Verdict.PASS;
        }
        return warnings.take(deviceId, nowMillis) ? Verdict.DROP_AND_WARN : Verdict.DROP;
    }

    void forget(String deviceId) {
        messages.forget(deviceId);
        warnings.forget(deviceId);
    }
}
