package io.thingstead.scripting;

import java.lang.management.ManagementFactory;

/**
 * What the JVM counts per thread (HotSpot's {@code com.sun.management.ThreadMXBean}): the bytes a
 * thread has allocated on the Java heap since it started (garbage included, so it bounds what a
 * call can hold) and the CPU time it has used. A platform thread's counts can be read from any
 * thread; {@link #UNKNOWN} where the JVM does not count (another JVM, counting switched off, a
 * virtual thread).
 */
final class ThreadCounts {
    static final long UNKNOWN = -1;
    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static final boolean CPU =
            THREADS != null && THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

    private ThreadCounts() {}

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()
                && t.isThreadAllocatedMemoryEnabled()) {
            return t;
        }
        return null;
    }

    /** The current thread's allocated bytes, or {@link #UNKNOWN}. */
    static long allocated() {
        if (THREADS == null || Thread.currentThread().isVirtual()) {
            return UNKNOWN;
        }
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        return bytes < 0 ? UNKNOWN : bytes;
    }

    /** That thread's allocated bytes, or {@link #UNKNOWN} (it has ended, or is not counted). */
    static long allocated(long threadId) {
        if (THREADS == null) {
            return UNKNOWN;
        }
        long bytes = THREADS.getThreadAllocatedBytes(threadId);
        return bytes < 0 ? UNKNOWN : bytes;
    }

    /** The current platform thread's CPU time (ns), or {@link #UNKNOWN}. */
    static long cpu() {
        if (!CPU || Thread.currentThread().isVirtual()) {
            return UNKNOWN;
        }
        long nanos = THREADS.getCurrentThreadCpuTime();
        return nanos < 0 ? UNKNOWN : nanos;
    }

    /** The CPU time (ns) that platform thread has used, or {@link #UNKNOWN}. */
    static long cpu(long threadId) {
        if (!CPU) {
            return UNKNOWN;
        }
        long nanos = THREADS.getThreadCpuTime(threadId);
        return nanos < 0 ? UNKNOWN : nanos;
    }
}
