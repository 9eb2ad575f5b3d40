package io.thingstead.methods;

import java.time.Instant;
import java.util.List;

/**
 * The port for quarantined method instances, implemented in storage: at most one per method per
 * device (the pair is the key), so a quarantine survives a restart (docs/methods.md: Instances).
 */
public interface QuarantineStore {
    /** A method disabled on a device, since when and why. */
    record Quarantine(String deviceId, String methodId, String cause, Instant at) {}

    /** Every quarantine, to rebuild the in-memory state at start. */
    List<Quarantine> loadAll();

    /** Stores the quarantine, replacing the one of its device and method. */
    void put(Quarantine q);

    /** Removes the quarantine of the method on the device, if any. */
    void remove(String deviceId, String methodId);

    /** Removes every quarantine of the device or of the method with that id. */
    void removeOf(String id);

    /** Keeps quarantines in memory only (tests without a database). */
    static QuarantineStore inMemory() {
        return new QuarantineStore() {
            @Override
            public List<Quarantine> loadAll() {
                return List.of();
            }

            @Override
            public void put(Quarantine q) {}

            @Override
            public void remove(String deviceId, String methodId) {}

            @Override
            public void removeOf(String id) {}
        };
    }
}
