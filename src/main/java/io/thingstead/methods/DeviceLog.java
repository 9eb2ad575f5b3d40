package io.thingstead.methods;

import io.thingstead.timeseries.LogLevel;

/** The port to a device's log (the assembly fills it with the store writer): one line, queued. */
@FunctionalInterface
public interface DeviceLog {
    void write(String deviceId, LogLevel level, String type, String message);
}
