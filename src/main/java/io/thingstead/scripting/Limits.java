package io.thingstead.scripting;

import java.time.Duration;

/**
 * What one method call may use: wall time for the whole call (nested method calls included),
 * statements per context, the size of the body and of the result in UTF-8 bytes, how deep
 * method-to-method calls may nest (the outermost call is depth 1), and the bytes the call may
 * allocate on the Java heap (nested calls included; garbage counts too, as the JVM counts a
 * thread's allocations, not what stays reachable).
 */
public record Limits(
        Duration time, long statements, int maxScriptBytes, int maxResultBytes, int maxCallDepth, long memory) {
    public static final Duration DEFAULT_TIME = Duration.ofSeconds(5);
    public static final long DEFAULT_STATEMENTS = 10_000_000;
    public static final int DEFAULT_SCRIPT_BYTES = 64 * 1024;
    public static final int DEFAULT_RESULT_BYTES = 1024 * 1024;
    public static final int DEFAULT_CALL_DEPTH = 8;
    /**
     * 1 GiB allocated per call (docs/methods.md: Limits): the heaviest calls measured within the
     * statement limit (10 million statements of arithmetic, or filling an array of 10 million
     * numbers) allocate 40-140 MiB, a method of a few built-in calls well under 1 MiB, but a call
     * that makes garbage in big built-ins (JSON.stringify of 20,000 numbers in a loop) allocates
     * up to 350 MB a second.
     */
    public static final long DEFAULT_MEMORY = 1024L * 1024 * 1024;

    public Limits {
        if (time == null || time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("time must be positive");
        }
        if (statements < 1 || maxScriptBytes < 1 || maxResultBytes < 1 || maxCallDepth < 1 || memory < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static Limits defaults() {
        return new Limits(
                DEFAULT_TIME,
                DEFAULT_STATEMENTS,
                DEFAULT_SCRIPT_BYTES,
                DEFAULT_RESULT_BYTES,
                DEFAULT_CALL_DEPTH,
                DEFAULT_MEMORY);
    }

    public Limits withTime(Duration newTime) {
        return new Limits(newTime, statements, maxScriptBytes, maxResultBytes, maxCallDepth, memory);
    }

    public Limits withMemory(long bytes) {
        return new Limits(time, statements, maxScriptBytes, maxResultBytes, maxCallDepth, bytes);
    }

    public Limits withStatements(long count) {
        return new Limits(time, count, maxScriptBytes, maxResultBytes, maxCallDepth, memory);
    }
}
