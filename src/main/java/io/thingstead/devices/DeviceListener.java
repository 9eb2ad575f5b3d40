package io.thingstead.devices;

import java.util.List;

/**
 * Told of device changes after they are stored (activity tracking, data cleanup, sessions); a
 * listener overrides what it cares about.
 */
public interface DeviceListener {
    default void created(List<Device> devices) {}

    default void updated(Device before, Device after) {}

    default void deleted(Device device) {}
}
