package io.thingstead.alerts;

import java.util.List;
import java.util.Map;

/**
 * The port for kept incidents, implemented in storage: at most one per alert per device (the pair
 * is the key), with its pending handler, so an incident and its timer survive a restart
 * (docs/alerts.md: Incidents); and which gateway each device last spoke through (docs/alerts.md:
 * A gateway that goes down).
 */
public interface IncidentStore {
    /** Every kept incident, to rebuild the in-memory state at start. */
    List<Incident> loadAll();

    /** Stores the incident, replacing the one of its alert and device. */
    void put(Incident incident);

    /** Removes the incident of the alert on the device, if any. */
    void remove(String alertId, String deviceId);

    /** Removes every incident of the device or of the alert with that id, and the device's gateway. */
    void removeOf(String id);

    /** Each device whose last traffic came with a gateway's key, and that gateway. */
    Map<String, String> loadGateways();

    /** The device's last traffic came with {@code gatewayId}'s key, or with its own (null). */
    void putGateway(String deviceId, String gatewayId);

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

            @Override
            public Map<String, String> loadGateways() {
                return Map.of();
            }

            @Override
            public void putGateway(String deviceId, String gatewayId) {}
        };
    }
}
