package io.thingstead.devices;

import java.util.List;

/** Told of device changes after they are stored (activity tracking, data cleanup, sessions). */
public interface DeviceListener {
    void created(List<Device> devices);

    void updated(Device before, Device after);

    void deleted(Device device);
}
