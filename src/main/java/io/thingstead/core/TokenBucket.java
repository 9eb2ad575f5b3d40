package io.thingstead.core;

/**
 * A token bucket: {@code burst} tokens, refilled at {@code perSecond}; one take costs one token.
 * A reservation may also take a token that is not there yet (the bucket runs into debt) and wait
 * until it is due.
 */
public final class TokenBucket {
    private final double perMilli;
    private final int burst;
    private double tokens;
    private long last;

    /** A full bucket at {@code nowMillis}. */
    public TokenBucket(double perSecond, int burst, long nowMillis) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowMillis;
    }

    /** Takes a token at {@code nowMillis}; false when none is left. */
    public boolean take(long nowMillis) {
        return reserve(nowMillis, 0) == 0;
    }

    /**
     * Takes a token at {@code nowMillis}, one that is due within {@code maxWaitMillis} if none is
     * left: returns how many milliseconds until it is due (0: at once), or -1 when none is due in
     * time (then nothing is taken).
     */
    public synchronized long reserve(long nowMillis, long maxWaitMillis) {
        tokens = Math.min(burst, tokens + Math.max(0, nowMillis - last) * perMilli);
        last = Math.max(last, nowMillis);
        long wait = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perMilli);
        if (wait > maxWaitMillis) {
            return -1;
        }
        tokens -= 1;
        return wait;
    }
}
