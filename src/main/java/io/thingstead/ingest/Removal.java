package io.thingstead.ingest;

import io.thingstead.events.StoredEvent;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.TimeSeries;

/**
 * A delete the {@link Writer} runs in its turn on a lane, after the writes queued before it: it
 * deletes from the store, then changes memory, and says what to tell. A failed delete throws and
 * tells nothing.
 */
@FunctionalInterface
interface Removal {
    /** How many points went, and the event to tell (null: nothing to tell). */
    record Removed(int count, StoredEvent event) {}

    Removed run();

    /** Every point, latest value and log entry of a device. */
    static Removal device(TimeSeries series, LatestValues latest, String deviceId) {
        return () -> {
            series.deleteDevice(deviceId);
            latest.removeDevice(deviceId);
            return new Removed(0, new StoredEvent.DeviceDataDeleted(deviceId));
        };
    }

    /** Every point and latest value of a property, for every device. */
    static Removal property(TimeSeries series, LatestValues latest, String propertyId) {
        return () -> {
            series.deleteProperty(propertyId);
            latest.removeProperty(propertyId);
            return new Removed(0, new StoredEvent.PropertyDataDeleted(propertyId));
        };
    }

    /**
     * The retention of one series: its points older than {@code cutoff} (null: no lifetime), then
     * all but its newest {@code capacity} (0: no capacity). Latest values stay.
     */
    static Removal seriesPurge(TimeSeries series, String deviceId, String propertyId, Long cutoff, long capacity) {
        return () -> {
            int count = cutoff == null ? 0 : series.purgeBefore(deviceId, propertyId, cutoff);
            if (capacity > 0) {
                count += series.purgeBeyond(deviceId, propertyId, capacity);
            }
            return purged(count, new StoredEvent.HistoryPurged(deviceId, propertyId, cutoff, capacity, count));
        };
    }

    /** A property's lifetime, for every device: its points older than {@code cutoff}. Latest values stay. */
    static Removal propertyPurge(TimeSeries series, String propertyId, long cutoff) {
        return () -> {
            int count = series.purgeAllBefore(propertyId, cutoff);
            return purged(count, new StoredEvent.HistoryPurged(null, propertyId, cutoff, 0, count));
        };
    }

    /** A purge that deleted nothing tells nothing. */
    private static Removed purged(int count, StoredEvent event) {
        return new Removed(count, count == 0 ? null : event);
    }
}
