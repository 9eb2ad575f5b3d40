package io.thingstead.alerts;

import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import io.thingstead.core.Ids;
import io.thingstead.core.Projection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory alerts, a projection of the stored ones changed only by {@link #apply}, indexed
 * by owner: a device's alerts are found from its id and its profile chain, never copied.
 */
public final class AlertCatalog implements Projection {
    static final String KIND = "alert";

    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();
    private volatile Map<String, List<Alert>> byOwner = Map.of();
    private final List<java.util.function.Consumer<String>> removedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Tells {@code listener} the id of each alert deleted, once the deletion is applied. */
    public void onRemoved(java.util.function.Consumer<String> listener) {
        removedListeners.add(listener);
    }

    @Override
    public Map<String, Class<?>> kinds() {
        return Map.of(KIND, Alert.class);
    }

    /**
     * An alert's name is unique among the alerts of its owner in its account (a builtin profile
     * is shared, its alerts are not), case-insensitively.
     */
    @Override
    public List<UniqueKey> uniqueKeys(String kind, Object doc) {
        if (!(doc instanceof Alert a)) {
            throw new IllegalArgumentException("Not an alert: " + kind);
        }
        return List.of(UniqueKey.name(
                "alert-name",
                a.accountId() + "/" + a.ownerId(),
                a.name(),
                "An alert named '" + a.name() + "' already exists on this owner"));
    }

    @Override
    public Runnable apply(List<Stored> changes) {
        List<String> removed = new ArrayList<>();
        for (Stored s : changes) {
            if (s.doc() instanceof Alert a) {
                alerts.put(a.id(), a);
            } else if (s.doc() == null) {
                if (alerts.remove(s.id()) != null) {
                    removed.add(s.id());
                }
            } else {
                throw new IllegalArgumentException("Not an alert: " + s.kind());
            }
        }
        reindex();
        return removed.isEmpty() ? SILENT : () -> removed.forEach(id -> removedListeners.forEach(l -> l.accept(id)));
    }

    public Alert get(String id) {
        return alerts.get(id);
    }

    /** The alerts an owner (a profile or a device) holds for the account, oldest first. */
    public List<Alert> ofOwner(String accountId, String ownerId) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : byOwner.getOrDefault(ownerId, List.of())) {
            if (a.accountId().equals(accountId)) {
                out.add(a);
            }
        }
        return out;
    }

    public List<Alert> ofAccount(String accountId) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : alerts.values()) {
            if (a.accountId().equals(accountId)) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(Alert::id, Ids::compare));
        return out;
    }

    /** Every alert (a snapshot). */
    List<Alert> all() {
        return List.copyOf(alerts.values());
    }

    private void reindex() {
        Map<String, List<Alert>> index = new ConcurrentHashMap<>();
        for (Alert a : alerts.values()) {
            index.computeIfAbsent(a.ownerId(), k -> new ArrayList<>()).add(a);
        }
        index.values().forEach(l -> l.sort(Comparator.comparing(Alert::id, Ids::compare)));
        byOwner = index;
    }
}
