package io.thingstead.alerts;

import java.util.List;

/**
 * The port for open incidents, implemented in storage: at most one per alert per device (the
 * pair is the key), so an incident survives a restart (docs/alerts.md: Incidents).
 */
public interface IncidentStore {
    /** Every open incident, to rebuild the in-memory state at start. */
    List<Incident> loadAll();

    /** Stores the incident, replacing the one of its alert and device. */
    void put(Incident incident);

    /** Removes the incident of the alert on the device, if any. */
    void remove(String alertId, String deviceId);

    /** Removes every incident of the device or of the alert with that id. */
    void removeOf(String id);

    /** Keeps incidents in memory only (tests of the evaluation without a database). */
    static IncidentStore inMemory() {
        return new IncidentStore() {
            @Override
            public List<Incident> loadAll() {
                return List.of();
            }

            @Override
            public void put(Incident incident) {}

            @Override
            public void remove(String alertId, String deviceId) {}

            @Override
            public void removeOf(String id) {}
        };
    }
}
