package io.thingstead.testing;

import io.thingstead.core.EntityStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny in-memory {@link EntityStore} for unit tests: documents kept as given, by kind and id. */
public final class InMemoryEntityStore implements EntityStore {
    private final Map<String, Map<String, Object>> kinds = new LinkedHashMap<>();

    @Override
    public synchronized <T> List<T> loadAll(String kind, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object doc : kinds.getOrDefault(kind, Map.of()).values()) {
            out.add(type.cast(doc));
        }
        return out;
    }

    @Override
    public long maxIdNumber() {
        return 0;
    }

    @Override
    public synchronized void apply(List<Change> changes) {
        for (Change c : changes) {
            Map<String, Object> docs = kinds.computeIfAbsent(c.kind(), k -> new LinkedHashMap<>());
            if (c.doc() == null) {
                docs.remove(c.id());
            } else {
                docs.put(c.id(), c.doc());
            }
        }
    }

    /** Stores one document directly (a convenience for seeding). */
    public InMemoryEntityStore with(String kind, String id, String accountId, Object doc) {
        apply(List.of(Change.put(kind, id, accountId, doc)));
        return this;
    }

    @Override
    public void close() {}
}
