package io.thingstead.core;

import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Admin mutations and the in-memory views they change. A mutation checks its invariants against
 * memory (for the exact error a client gets), {@link #persist}s its changes, and the store commits
 * them or refuses them whole; only what was committed then reaches memory, through the
 * {@link Projection} registered for each kind. The lock serializes mutations of this process;
 * uniqueness and concurrent updates are the store's to enforce (unique keys, versions), so they
 * hold between processes too. Reads never take the lock; the views are concurrent.
 */
public final class Admin {
    private final ReentrantLock lock = new ReentrantLock();
    private final EntityStore store;
    private final List<Projection> projections = new CopyOnWriteArrayList<>();
    private final Map<String, Projection> byKind = new ConcurrentHashMap<>();
    private final List<Dependents> dependents = new CopyOnWriteArrayList<>();
    /** The version of every entity memory holds: what a change of it expects the store to hold. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    public Admin(EntityStore store) {
        this.store = store;
    }

    /**
     * Registers a view for its kinds and loads what is stored into it through its own
     * {@link Projection#apply} (announcing nothing). The unique keys of the stored entities are
     * written to the store when they are not all there (a store from before unique keys).
     */
    public <P extends Projection> P register(P projection) {
        run(() -> {
            projections.add(projection);
            for (var kind : projection.kinds().entrySet()) {
                if (byKind.putIfAbsent(kind.getKey(), projection) != null) {
                    throw new IllegalStateException("Two views of kind " + kind.getKey());
                }
                List<Stored> stored = store.load(kind.getKey(), kind.getValue());
                applyToViews(stored);
                ensureKeys(kind.getKey(), projection, stored);
            }
        });
        return projection;
    }

    private void ensureKeys(String kind, Projection projection, List<Stored> stored) {
        Map<String, List<UniqueKey>> keys = new LinkedHashMap<>();
        long count = 0;
        for (Stored s : stored) {
            List<UniqueKey> own = projection.uniqueKeys(kind, s.doc());
            keys.put(s.id(), own);
            count += own.size();
        }
        if (store.keyCount(kind) != count) {
            store.replaceKeys(kind, keys);
        }
    }

    /** Asked about every batch that deletes, for what goes along or a refusal (see {@link Dependents}). */
    public void addDependents(Dependents d) {
        dependents.add(d);
    }

    public <T> T mutate(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private void run(Runnable work) {
        mutate(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Stores the changes atomically, each expecting the version memory holds (absent: a new
     * entity) and carrying its unique keys; then applies what was stored to the views and tells
     * their listeners. Must be called inside {@link #mutate}.
     *
     * @throws ApiException the key's own error ({@code NameAlreadyTaken}, ...) when another entity
     *     holds a unique key, {@code Conflict} when an entity changed since memory read it
     */
    public void persist(List<Change> changes) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("persist outside of an admin mutation");
        }
        if (changes.isEmpty()) {
            return;
        }
        List<Change> complete = new ArrayList<>(changes.size());
        for (Change c : withDependents(changes)) {
            complete.add(complete(c));
        }
        List<Stored> stored;
        try {
            stored = store.apply(complete);
        } catch (EntityStore.Conflict e) {
            throw refused(e);
        }
        applyToViews(stored).run();
    }

    /** The batch and the deletions its deletions carry along, each entity once. */
    private List<Change> withDependents(List<Change> changes) {
        Set<String> deleted = new HashSet<>();
        Set<String> named = new HashSet<>();
        for (Change c : changes) {
            named.add(c.id());
            if (c.isDelete()) {
                deleted.add(c.id());
            }
        }
        if (deleted.isEmpty() || dependents.isEmpty()) {
            return changes;
        }
        List<Change> out = new ArrayList<>(changes);
        for (Dependents d : dependents) {
            for (Change c : d.onDelete(Set.copyOf(deleted))) {
                if (named.add(c.id())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /**
     * Applies changes another writer committed (e.g. another node) exactly as local ones: a change
     * no newer than what memory holds is skipped, so replaying is harmless.
     */
    public void applyCommitted(List<Stored> changes) {
        run(() -> applyToViews(changes).run());
    }

    private Change complete(Change c) {
        Projection view = viewOf(c.kind());
        Change out = c;
        if (c.expected() == EntityStore.ANY) {
            Long known = versions.get(c.id());
            out = c.expecting(known != null ? known : c.isDelete() ? EntityStore.ANY : EntityStore.NEW);
        }
        return c.isDelete() ? out : out.withKeys(view.uniqueKeys(c.kind(), c.doc()));
    }

    private static ApiException refused(EntityStore.Conflict e) {
        if (e.key() != null) {
            return new ApiException(e.key().code(), e.key().message());
        }
        return new ApiException(
                ErrorCode.CONFLICT, "'" + e.entityId() + "' was changed by another request; read it again and retry");
    }

    /** Applies the fresh changes to their views, in registration order; returns their announcements. */
    private Runnable applyToViews(List<Stored> changes) {
        Map<Projection, List<Stored>> parts = new IdentityHashMap<>();
        for (Stored s : changes) {
            if (fresh(s)) {
                parts.computeIfAbsent(viewOf(s.kind()), p -> new ArrayList<>()).add(s);
            }
        }
        List<Runnable> news = new ArrayList<>();
        for (Projection p : projections) {
            List<Stored> part = parts.get(p);
            if (part != null) {
                news.add(p.apply(part));
            }
        }
        return () -> news.forEach(Runnable::run);
    }

    /** Whether the change is newer than memory; records its version when it is. */
    private boolean fresh(Stored s) {
        if (s.isDelete()) {
            return versions.remove(s.id()) != null;
        }
        Long known = versions.get(s.id());
        if (known != null && s.version() <= known) {
            return false;
        }
        versions.put(s.id(), s.version());
        return true;
    }

    private Projection viewOf(String kind) {
        Projection p = byKind.get(kind);
        if (p == null) {
            throw new IllegalStateException("No view holds entities of kind " + kind);
        }
        return p;
    }
}
