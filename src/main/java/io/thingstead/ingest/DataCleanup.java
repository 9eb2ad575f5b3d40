package io.thingstead.ingest;

import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceListener;

/**
 * A deleted device takes its points, latest values and log with it; a property deleted from a
 * profile takes its data. Both deletes go through the writer's queue, in order with the writes
 * (a write queued before them never brings the data back), and are awaited, so that a request
 * after the deletion sees the data gone.
 */
public final class DataCleanup implements DeviceListener {
    private final Writer writer;

    public DataCleanup(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void deleted(Device device) {
        Ingest.await(writer.deleteDevice(device.id()));
    }

    /** The property was deleted from a profile that stays: its data goes, for every device. */
    public void propertyDeleted(String propertyId) {
        Ingest.await(writer.deleteProperty(propertyId));
    }
}
