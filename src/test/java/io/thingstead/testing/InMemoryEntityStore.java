package io.thingstead.testing;

import io.thingstead.core.EntityStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory {@link EntityStore} for unit tests: documents kept as given, with the versions,
 * unique keys and all-or-nothing batches of the real stores (it passes the same contract).
 */
public final class InMemoryEntityStore implements EntityStore {
    private record Row(String kind, String accountId, Object doc, long version, List<UniqueKey> keys) {}

    private Map<String, Row> rows = new TreeMap<>();
    /** kind, scope and value of a key → the id of the entity holding it. */
    private Map<String, String> holders = new HashMap<>();

    @Override
    public synchronized List<Stored> load(String kind, Class<?> type) {
        List<Stored> out = new ArrayList<>();
        rows.forEach((id, r) -> {
            if (r.kind().equals(kind)) {
                out.add(new Stored(kind, id, r.version(), type.cast(r.doc())));
            }
        });
        return out;
    }

    @Override
    public synchronized long maxIdNumber() {
        long max = 0;
        for (String id : rows.keySet()) {
            try {
                max = Math.max(max, Long.parseLong(id.substring(id.indexOf('_', 1) + 1)));
            } catch (RuntimeException notNumeric) {
                // not an id of our shape
            }
        }
        return max;
    }

    /** Works on copies and keeps them only when the whole batch holds: nothing of a refused batch stays. */
    @Override
    public synchronized List<Stored> apply(List<Change> changes) {
        Map<String, Row> nextRows = new TreeMap<>(rows);
        Map<String, String> nextHolders = new HashMap<>(holders);
        List<Stored> out = new ArrayList<>();
        for (Change c : changes) {
            if (c.kind() == null || c.id() == null) {
                throw new IllegalArgumentException("A change needs a kind and an id");
            }
            Row old = nextRows.get(c.id());
            boolean expected = c.expected() == ANY
                    || (c.expected() == NEW ? old == null : old != null && old.version() == c.expected());
            if (!expected) {
                throw Conflict.version(c.id());
            }
            if (old != null) {
                old.keys().forEach(k -> nextHolders.remove(key(k), c.id()));
            }
            if (c.isDelete()) {
                nextRows.remove(c.id());
                out.add(new Stored(c.kind(), c.id(), 0, null));
                continue;
            }
            long version = old == null ? 1 : old.version() + 1;
            nextRows.put(c.id(), new Row(c.kind(), c.accountId(), c.doc(), version, c.keys()));
            out.add(new Stored(c.kind(), c.id(), version, c.doc()));
        }
        for (Change c : changes) {
            for (UniqueKey k : c.isDelete() ? List.<UniqueKey>of() : c.keys()) {
                if (nextHolders.putIfAbsent(key(k), c.id()) != null) {
                    throw Conflict.keyTaken(k);
                }
            }
        }
        rows = nextRows;
        holders = nextHolders;
        return out;
    }

    @Override
    public synchronized long keyCount(String kind) {
        return holders.values().stream()
                .filter(id -> rows.containsKey(id) && rows.get(id).kind().equals(kind))
                .count();
    }

    @Override
    public synchronized List<UniqueKey> replaceKeys(String kind, Map<String, List<UniqueKey>> keysByEntityId) {
        holders.values()
                .removeIf(id -> rows.containsKey(id) && rows.get(id).kind().equals(kind));
        List<UniqueKey> shared = new ArrayList<>();
        keysByEntityId.forEach((id, keys) -> {
            Row r = rows.get(id);
            rows.put(id, new Row(r.kind(), r.accountId(), r.doc(), r.version(), keys));
            for (UniqueKey k : keys) {
                if (holders.putIfAbsent(key(k), id) != null) {
                    shared.add(k);
                }
            }
        });
        return shared;
    }

    private static String key(UniqueKey k) {
        return k.kind() + '\u0000' + k.scope() + '\u0000' + k.value();
    }

    /** Stores one document directly, as a writer that knows nothing of unique keys would (for seeding). */
    public InMemoryEntityStore with(String kind, String id, String accountId, Object doc) {
        apply(List.of(Change.put(kind, id, accountId, doc)));
        return this;
    }

    @Override
    public void close() {}
}
