package io.thingstead.timeseries;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The most recent value of every property of every device, in memory; written after commit. */
public final class LatestValues {
    private final Map<String, Map<String, DataPoint>> byDevice = new ConcurrentHashMap<>();

    public DataPoint get(String deviceId, String propertyId) {
        Map<String, DataPoint> m = byDevice.get(deviceId);
        return m == null ? null : m.get(propertyId);
    }

    /** Keeps the point when it is not older than the current latest value. */
    public void offer(DataPoint p) {
        byDevice.computeIfAbsent(p.deviceId(), k -> new ConcurrentHashMap<>())
                .merge(p.propertyId(), p, (old, neu) -> neu.time() >= old.time() ? neu : old);
    }

    public void removeDevice(String deviceId) {
        byDevice.remove(deviceId);
    }

    public void removeProperty(String propertyId) {
        byDevice.values().forEach(m -> m.remove(propertyId));
    }
}
