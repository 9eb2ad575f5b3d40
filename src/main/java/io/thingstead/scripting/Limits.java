package io.thingstead.scripting;

import java.time.Duration;

/**
 * What one method call may use: wall time for the whole call (nested method calls included),
 * statements per context, the size of the body and of the result in UTF-8 bytes, and how deep
 * method-to-method calls may nest (the outermost call is depth 1).
 */
public record Limits(Duration time, long statements, int maxScriptBytes, int maxResultBytes, int maxCallDepth) {
    public static final Duration DEFAULT_TIME = Duration.ofSeconds(5);
    public static final long DEFAULT_STATEMENTS = 10_000_000;
    public static final int DEFAULT_SCRIPT_BYTES = 64 * 1024;
    public static final int DEFAULT_RESULT_BYTES = 1024 * 1024;
    public static final int DEFAULT_CALL_DEPTH = 8;

    public Limits {
        if (time == null || time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("time must be positive");
        }
        if (statements < 1 || maxScriptBytes < 1 || maxResultBytes < 1 || maxCallDepth < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static Limits defaults() {
        return new Limits(
                DEFAULT_TIME, DEFAULT_STATEMENTS, DEFAULT_SCRIPT_BYTES, DEFAULT_RESULT_BYTES, DEFAULT_CALL_DEPTH);
    }

    public Limits withTime(Duration newTime) {
        return new Limits(newTime, statements, maxScriptBytes, maxResultBytes, maxCallDepth);
    }
}
