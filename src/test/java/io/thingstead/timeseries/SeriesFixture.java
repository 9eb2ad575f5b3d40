package io.thingstead.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.util.List;

/** What the parts of the {@link TimeSeries} contract share: the store under test and the points they write. */
public interface SeriesFixture {
    String DEV = "_dev_11";
    String OTHER_DEV = "_dev_12";
    String TEMP = "_prp_21";
    String LAST_IN = "_prp_22";
    String MODE = "_prp_23";

    TimeSeries series();

    /** The same store opened again by a new instance, as after a crash; the caller closes it. */
    TimeSeries reopened();

    default Stored point(String prop, long time, double value) {
        return point(DEV, prop, time, DoubleNode.valueOf(value));
    }

    default Stored point(String device, String prop, long time, JsonNode value) {
        return Stored.of(new DataPoint(device, prop, time, value, null));
    }

    /** Writes the points as history and as latest values, as the store writer does for a new point. */
    default void store(Stored... points) {
        series().write(List.of(points), List.of(points), List.of());
    }

    /** Writes the points as history only. */
    default void storeHistory(Stored... points) {
        series().write(List.of(points), List.of(), List.of());
    }

    /** Writes log entries only. */
    default void storeLogs(LogEntry... logs) {
        series().write(List.of(), List.of(), List.of(logs));
    }

    default List<Double> values(List<DataPoint> points) {
        return points.stream().map(p -> p.value().doubleValue()).toList();
    }

    /** Every point of DEV's TEMP, oldest first. */
    default List<DataPoint> history() {
        return series().history(DEV, TEMP, Long.MIN_VALUE, Long.MAX_VALUE, 1_000, false);
    }

    default List<Long> times(String device, String prop) {
        return series().history(device, prop, Long.MIN_VALUE, Long.MAX_VALUE, 1_000, false).stream()
                .map(DataPoint::time)
                .toList();
    }

    /** The latest value of a series, or null. */
    default DataPoint latestOf(String device, String prop) {
        return series().loadLatest().stream()
                .filter(p -> p.deviceId().equals(device) && p.propertyId().equals(prop))
                .findFirst()
                .orElse(null);
    }

    default DataPoint latestOf(String prop) {
        return latestOf(DEV, prop);
    }

    default LogEntry log(long n, String device, String time, String message) {
        return new LogEntry("_log_" + n, device, time, LogLevel.WARNING, "data", message);
    }
}
