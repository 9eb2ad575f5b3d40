package io.thingstead.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open incidents in memory, loaded from their {@link IncidentStore} at start and written
 * through to it on every change: at most one per alert per device.
 */
public final class OpenIncidents {
    private final IncidentStore store;
    private final Map<String, Map<String, Incident>> byDevice = new ConcurrentHashMap<>();

    public OpenIncidents(IncidentStore store) {
        this.store = store;
        for (Incident i : store.loadAll()) {
            byDevice.computeIfAbsent(i.deviceId(), k -> new ConcurrentHashMap<>())
                    .put(i.alertId(), i);
        }
    }

    public Incident get(String alertId, String deviceId) {
        return byDevice.getOrDefault(deviceId, Map.of()).get(alertId);
    }

    /** The device's open incidents, oldest first. */
    public List<Incident> ofDevice(String deviceId) {
        List<Incident> out =
                new ArrayList<>(byDevice.getOrDefault(deviceId, Map.of()).values());
        out.sort(Comparator.comparing(Incident::startTime).thenComparing(Incident::alertId));
        return out;
    }

    /** Every open incident, oldest first. */
    public List<Incident> all() {
        List<Incident> out = new ArrayList<>();
        byDevice.values().forEach(m -> out.addAll(m.values()));
        out.sort(Comparator.comparing(Incident::startTime).thenComparing(Incident::alertId));
        return out;
    }

    /** Applies a step's outcome: stores the open incident, or removes the ended one. */
    void settle(String alertId, String deviceId, Incidents.Step step) {
        if (step.open() != null) {
            if (!step.open().equals(get(alertId, deviceId))) {
                store.put(step.open());
                byDevice.computeIfAbsent(deviceId, k -> new ConcurrentHashMap<>())
                        .put(alertId, step.open());
            }
        } else if (get(alertId, deviceId) != null) {
            store.remove(alertId, deviceId);
            byDevice.computeIfPresent(deviceId, (k, m) -> {
                m.remove(alertId);
                return m.isEmpty() ? null : m;
            });
        }
    }

    /** Forgets the incidents of a deleted device or alert. */
    public void forget(String id) {
        store.removeOf(id);
        byDevice.remove(id);
        byDevice.values().forEach(m -> m.remove(id));
    }
}
