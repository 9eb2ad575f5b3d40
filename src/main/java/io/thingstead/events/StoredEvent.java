package io.thingstead.events;

import io.thingstead.accounts.Principal;
import io.thingstead.profiles.Property;
import io.thingstead.timeseries.DataPoint;
import java.util.List;

/**
 * What the store writer committed, told after the commit and never for a failed one (README: How a
 * data point travels). A subscriber hears the events of one device in the order they were
 * committed, on that device's lane ({@link #lane}).
 */
public sealed interface StoredEvent
        permits StoredEvent.PointsStored,
                StoredEvent.DeviceDataDeleted,
                StoredEvent.PropertyDataDeleted,
                StoredEvent.HistoryPurged,
                StoredEvent.ConnectionChanged {

    /** The key of the lane that carries the event: its device id (a property's id for its data everywhere). */
    String lane();

    /**
     * Points of one device stored by one write, in the order of the write, with who wrote them
     * (builtins derived from a write name that write's principal and source).
     */
    record PointsStored(String deviceId, Principal principal, Source source, List<Point> points)
            implements StoredEvent {
        public PointsStored {
            points = List.copyOf(points);
        }

        @Override
        public String lane() {
            return deviceId;
        }
    }

    /**
     * One point of a write and what it did, decided once, by the writer, in commit order.
     *
     * @param previous the series' latest value before this point (null when none)
     * @param changed whether its value differs from {@code previous} (no previous value: changed);
     *     what {@code publish: changed} and the retention conditions go by
     * @param latest whether it is not older than the series' latest value before it (a backfilled
     *     older point is not), so that, kept, it is now the latest value
     * @param kept whether the retention condition kept it ({@code changed}/{@code changedx} drop a
     *     point that did not change enough); a point not kept is not stored
     */
    record Point(
            Property property, DataPoint previous, DataPoint point, boolean changed, boolean latest, boolean kept) {
        public String propertyId() {
            return property.id();
        }
    }

    /** Every point, latest value and log entry of a device is gone (the device was deleted). */
    record DeviceDataDeleted(String deviceId) implements StoredEvent {
        @Override
        public String lane() {
            return deviceId;
        }
    }

    /** Every point and latest value of a property is gone, for every device (the property was deleted). */
    record PropertyDataDeleted(String propertyId) implements StoredEvent {
        @Override
        public String lane() {
            return propertyId;
        }
    }

    /**
     * The retention purge deleted stored points of a property (README: Data, retention): of one
     * device's series, or, {@code deviceId} null, of every device (the hourly lifetime sweep).
     * Latest values stay. Told only when a point went.
     *
     * @param before points older than this went (null: the property has no lifetime)
     * @param capacity all but the newest this many points of the series went (0: no capacity)
     * @param deleted how many points went
     */
    record HistoryPurged(String deviceId, String propertyId, Long before, long capacity, int deleted)
            implements StoredEvent {
        @Override
        public String lane() {
            return deviceId != null ? deviceId : propertyId;
        }
    }

    /** A device's stored {@code connectionStatus} changed: online (from {@code ip}) or offline. */
    record ConnectionChanged(String deviceId, boolean online, Principal principal, Source source)
            implements StoredEvent {
        @Override
        public String lane() {
            return deviceId;
        }
    }
}
