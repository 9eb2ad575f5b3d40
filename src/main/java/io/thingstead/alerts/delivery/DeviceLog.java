package io.thingstead.alerts.delivery;

import io.thingstead.core.Ids;
import io.thingstead.core.Times;
import io.thingstead.devices.Device;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;

/** Device log lines of type {@code Alert} about deliveries, through the store writer. */
final class DeviceLog {
    static final String TYPE = "Alert";

    private final Consumer<List<LogEntry>> sink;
    private final Ids ids;
    private final InstantSource clock;

    DeviceLog(Consumer<List<LogEntry>> sink, Ids ids, InstantSource clock) {
        this.sink = sink;
        this.ids = ids;
        this.clock = clock;
    }

    void write(Device d, LogLevel level, String message) {
        sink.accept(
                List.of(new LogEntry(ids.next("log"), d.id(), Times.format(clock.instant()), level, TYPE, message)));
    }
}
