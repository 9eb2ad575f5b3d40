package io.thingstead.core;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes admin mutations across features: a mutation checks its invariants against the
 * in-memory model, writes its changes to the store atomically, and only then updates memory.
 * Reads never take the lock; the in-memory maps are concurrent.
 */
public final class Admin {
    private final ReentrantLock lock = new ReentrantLock();
    private final EntityStore store;

    public Admin(EntityStore store) {
        this.store = store;
    }

    public <T> T mutate(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public void run(Runnable work) {
        mutate(() -> {
            work.run();
            return null;
        });
    }

    /** Persists the changes; must be called inside {@link #mutate}. */
    public void persist(List<EntityStore.Change> changes) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("persist outside of an admin mutation");
        }
        store.apply(changes);
    }

    public EntityStore store() {
        return store;
    }
}
