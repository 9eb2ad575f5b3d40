package io.thingstead.ingest;

import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceListener;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.TimeSeries;

/** A deleted device takes its points, latest values and log with it. */
public final class DataCleanup implements DeviceListener {
    private final TimeSeries series;
    private final LatestValues latest;

    public DataCleanup(TimeSeries series, LatestValues latest) {
        this.series = series;
        this.latest = latest;
    }

    @Override
    public void deleted(Device device) {
        latest.removeDevice(device.id());
        series.deleteDevice(device.id());
    }
}
