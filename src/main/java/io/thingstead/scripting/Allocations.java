package io.thingstead.scripting;

import java.lang.management.ManagementFactory;

/**
 * The bytes a thread has allocated on the Java heap since it started, as the JVM counts them
 * (HotSpot's {@code com.sun.management.ThreadMXBean}): garbage included, so it bounds what a call
 * can hold. A platform thread's count can be read from any thread; {@link #UNKNOWN} where the JVM
 * does not count (another JVM, counting switched off, a virtual thread).
 */
final class Allocations {
    static final long UNKNOWN = -1;
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private Allocations() {}

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()
                && t.isThreadAllocatedMemoryEnabled()) {
            return t;
        }
        return null;
    }

    /** The current thread's count, or {@link #UNKNOWN}. */
    static long current() {
        if (THREADS == null || Thread.currentThread().isVirtual()) {
            return UNKNOWN;
        }
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        return bytes < 0 ? UNKNOWN : bytes;
    }

    /** That thread's count, or {@link #UNKNOWN} (it has ended, or is not counted). */
    static long of(long threadId) {
        if (THREADS == null) {
            return UNKNOWN;
        }
        long bytes = THREADS.getThreadAllocatedBytes(threadId);
        return bytes < 0 ? UNKNOWN : bytes;
    }
}
