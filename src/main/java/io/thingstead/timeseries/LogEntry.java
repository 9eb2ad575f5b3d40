package io.thingstead.timeseries;

/** A device log entry: rejected points of a device in debug status, builtin transitions. */
public record LogEntry(String id, String deviceId, String time, LogLevel level, String type, String message) {}
