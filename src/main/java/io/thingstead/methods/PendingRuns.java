package io.thingstead.methods;

import java.util.HashMap;
import java.util.Map;

/**
 * At most one run per key at a time and one waiting behind it (docs/methods.md: Bound input): a
 * value offered while its key runs waits, and a newer one takes its place, the older counted as
 * skipped. When the run ends, the waiting value (the newest) runs next with the count of those it
 * replaced; with none waiting the key is idle and forgotten. Thread-safe; memory is one entry per
 * running key.
 */
final class PendingRuns<K, V> {
    /** The value to run next, and how many values offered before it were replaced and not run. */
    record Next<V>(V value, long skipped) {}

    private static final class Entry<V> {
        V waiting;
        long skipped;
    }

    private final Map<K, Entry<V>> running = new HashMap<>();

    /**
     * Offers a value for {@code key}: true when nothing runs for it, and the caller starts a run with
     * it now (the key counts as running until {@link #finished} says it is idle); false when it waits
     * behind the run, in the place of any value that waited before it.
     */
    synchronized boolean offer(K key, V value) {
        Entry<V> e = running.get(key);
        if (e == null) {
            running.put(key, new Entry<>());
            return true;
        }
        if (e.waiting != null) {
            e.skipped++;
        }
        e.waiting = value;
        return false;
    }

    /**
     * The run of {@code key} has ended (or could not start): the value waiting, which the caller runs
     * next (the key still counts as running), or null when none waits and the key is idle.
     */
    synchronized Next<V> finished(K key) {
        Entry<V> e = running.get(key);
        if (e == null || e.waiting == null) {
            running.remove(key);
            return null;
        }
        Next<V> next = new Next<>(e.waiting, e.skipped);
        e.waiting = null;
        e.skipped = 0;
        return next;
    }

    /** Makes the key idle at once, dropping any value waiting: how many values that drops (0 or 1). */
    synchronized int forget(K key) {
        Entry<V> e = running.remove(key);
        return e == null || e.waiting == null ? 0 : 1;
    }

    /** Whether a run of {@code key} is running (or about to start). */
    synchronized boolean isRunning(K key) {
        return running.containsKey(key);
    }
}
