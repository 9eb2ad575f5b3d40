package io.thingstead.alerts;

import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.runtime.Slot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kept incidents (active, held back or acknowledged) with their pending handlers, in memory
 * as runtime state of their devices ({@link DeviceRuntime}), loaded from their {@link
 * IncidentStore} at start and written through to it on every change: at most one per alert per
 * device.
 */
public final class OpenIncidents {
    /** One device's incidents by alert id; also what its transitions lock, one at a time. */
    private static final class OfDevice {
        final Map<String, Incident> byAlert = new ConcurrentHashMap<>();
    }

    private final IncidentStore store;
    private final Slot<OfDevice> byDevice;

    public OpenIncidents(IncidentStore store, DeviceRuntime runtime) {
        this.store = store;
        this.byDevice = runtime.slot("alert incidents");
        for (Incident i : store.loadAll()) {
            of(i.deviceId()).byAlert.put(i.alertId(), i);
        }
    }

    private OfDevice of(String deviceId) {
        return byDevice.computeIfAbsent(deviceId, k -> new OfDevice());
    }

    /** What a transition of the device's incidents holds while it reads and settles them. */
    Object lock(String deviceId) {
        return of(deviceId);
    }

    public Incident get(String alertId, String deviceId) {
        OfDevice d = byDevice.get(deviceId);
        return d == null ? null : d.byAlert.get(alertId);
    }

    /** The device's incidents, oldest first. */
    public List<Incident> ofDevice(String deviceId) {
        OfDevice d = byDevice.get(deviceId);
        List<Incident> out = d == null ? new ArrayList<>() : new ArrayList<>(d.byAlert.values());
        out.sort(Comparator.comparing(Incident::startTime).thenComparing(Incident::alertId));
        return out;
    }

    /** Every incident, oldest first. */
    public List<Incident> all() {
        List<Incident> out = new ArrayList<>();
        byDevice.forEach((id, d) -> out.addAll(d.byAlert.values()));
        out.sort(Comparator.comparing(Incident::startTime).thenComparing(Incident::alertId));
        return out;
    }

    /** Each kept incident of the devices this node owns, in no order. */
    void forEachOwned(DeviceRuntime runtime, java.util.function.Consumer<Incident> action) {
        byDevice.forEach((id, d) -> {
            if (runtime.owns(id)) {
                d.byAlert.values().forEach(action);
            }
        });
    }

    /** Applies a step's outcome: stores the incident kept after it, or removes the ended one. */
    void settle(String alertId, String deviceId, Incidents.Step step) {
        if (step.open() != null) {
            if (!step.open().equals(get(alertId, deviceId))) {
                store.put(step.open());
                of(deviceId).byAlert.put(alertId, step.open());
            }
        } else if (get(alertId, deviceId) != null) {
            store.remove(alertId, deviceId);
            of(deviceId).byAlert.remove(alertId);
        }
    }

    /** Forgets the incidents of a deleted device or alert. */
    public void forget(String id) {
        store.removeOf(id);
        byDevice.remove(id);
        byDevice.forEach((device, d) -> d.byAlert.remove(id));
    }
}
