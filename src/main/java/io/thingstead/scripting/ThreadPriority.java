package io.thingstead.scripting;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating system's scheduling of one thread (docs/methods.md: Limits): a script thread that
 * has computed for long is moved to Linux's idle policy ({@code SCHED_IDLE}), so it only gets the
 * CPU the server's own work leaves, and a request, an MQTT message or the store's writer that wakes
 * up takes the core from it at once. Anyone may lower a thread's priority; raising it back needs
 * {@code CAP_SYS_NICE} (or a raised {@code RLIMIT_NICE}), so {@link #restore} may fail and the
 * caller then retires the thread. On other systems, or where the calls are refused (a seccomp
 * filter), nothing changes and this says so once in the log.
 */
public final class ThreadPriority {
    private static final Logger log = LoggerFactory.getLogger(ThreadPriority.class);
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_IDLE = 5;
    /** No thread: the thread's id could not be read, or this is not Linux. */
    static final int NONE = -1;

    private static final C LIBC = load();
    private static final ThreadLocal<Boolean> LEFT_LOW = new ThreadLocal<>();
    private static final ThreadLocal<Integer> ID = ThreadLocal.withInitial(() -> {
        try {
            return LIBC.gettid();
        } catch (LinkageError | RuntimeException e) {
            warn(e.toString());
            return NONE;
        }
    });
    private static volatile boolean warned;

    /** The calls of the C library used here (glibc and musl have both). */
    private interface C extends Library {
        int gettid();

        int sched_setscheduler(int tid, int policy, int[] param);

        int sched_getscheduler(int tid);
    }

    private ThreadPriority() {}

    private static C load() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return Native.load("c", C.class);
        } catch (LinkageError | RuntimeException e) {
            log.warn("Script threads keep their priority: the C library could not be loaded ({})", e.toString());
            return null;
        }
    }

    /**
     * The calling thread's id at the operating system, or {@link #NONE}; never a virtual thread's
     * carrier. Asked of the system once per thread (a native call costs microseconds, and a
     * script thread runs thousands of calls a second).
     */
    static int currentId() {
        if (LIBC == null || Thread.currentThread().isVirtual()) {
            return NONE;
        }
        return ID.get();
    }

    /** Moves thread {@code tid} to the idle policy; false if it could not be. */
    static boolean lower(int tid) {
        return tid != NONE && set(tid, SCHED_IDLE);
    }

    /**
     * Moves the calling thread, lowered before, back to the normal policy; if that is refused (no
     * {@code CAP_SYS_NICE}: expected, not logged), the thread is marked as {@link #leftLow} for
     * whoever owns it.
     */
    static void restore() {
        boolean raised;
        try {
            raised = LIBC != null && LIBC.sched_setscheduler(0, SCHED_OTHER, new int[] {0}) == 0;
        } catch (LinkageError | RuntimeException e) {
            raised = false;
        }
        if (!raised) {
            LEFT_LOW.set(Boolean.TRUE);
        }
    }

    /** True if a call lowered the calling thread and it could not be raised again: it should end. */
    public static boolean leftLow() {
        return LEFT_LOW.get() != null;
    }

    /** The scheduling policy of thread {@code tid} (0 normal, 5 idle), or -1; for tests. */
    static int policy(int tid) {
        return LIBC == null || tid == NONE ? -1 : LIBC.sched_getscheduler(tid);
    }

    private static boolean set(int tid, int policy) {
        try {
            if (LIBC.sched_setscheduler(tid, policy, new int[] {0}) == 0) {
                return true;
            }
            warn("errno " + Native.getLastError());
        } catch (LinkageError | RuntimeException e) {
            warn(e.toString());
        }
        return false;
    }

    private static void warn(String why) {
        if (!warned) {
            warned = true;
            log.warn(
                    "A script thread's priority could not be changed ({}); long scripts compete with the server's work",
                    why);
        }
    }
}
