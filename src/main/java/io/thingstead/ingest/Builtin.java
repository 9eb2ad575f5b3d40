package io.thingstead.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.thingstead.activity.ActivityTracker;
import io.thingstead.core.Ids;
import io.thingstead.core.Times;
import io.thingstead.devices.Device;
import io.thingstead.events.Source;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.Property;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import io.thingstead.timeseries.Values;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The builtin properties the platform writes like any other: {@code lastIn} on every completed
 * device write, {@code active} on its transitions, {@code connectionInfo} when it changes.
 */
public final class Builtin {
    private final ProfileCatalog catalog;
    private final LatestValues latest;
    private final ActivityTracker activity;
    private final Ids ids;

    public Builtin(ProfileCatalog catalog, LatestValues latest, ActivityTracker activity, Ids ids) {
        this.catalog = catalog;
        this.latest = latest;
        this.activity = activity;
        this.ids = ids;
    }

    /**
     * Inbound traffic from {@code device} (or its gateway for it) at {@code now}: a write over REST
     * or MQTT, or an MQTT connection ({@code lastWritten} null). Making the device active is logged.
     * The activity deadline moves once the write is stored ({@link #stored}).
     */
    void inbound(
            Device device, String lastWritten, Source source, long now, List<Writer.Item> items, List<LogEntry> logs) {
        if (lastWritten != null) {
            items.add(item(device.id(), Builtins.LAST_IN_ID, now, TextNode.valueOf(lastWritten)));
        }
        if (activity.claim(device.id(), now)) {
            items.add(item(device.id(), Builtins.ACTIVE_ID, now, Builtins.Active.ACTIVE.node()));
            logs.add(log(device.id(), now, LogLevel.INFO, "Activity", "active: traffic arrived"));
        }
        if (catalog.isA(device.profileId(), Builtins.CONNECTED_DEVICE)) {
            JsonNode info = JsonNodeFactory.instance
                    .objectNode()
                    .put("ip", source.ip())
                    .put("endpoint", source.protocol().toString());
            DataPoint current = latest.get(device.id(), Builtins.CONNECTION_INFO_ID);
            if (current == null || !current.value().equals(info)) {
                items.add(item(device.id(), Builtins.CONNECTION_INFO_ID, now, info));
            }
        }
    }

    /**
     * The write carrying the inbound traffic of {@code devices} at {@code now}: once it is stored,
     * on the writer's thread and before its writer hears of it, their activity deadlines move; when
     * it fails, the transitions to active they claimed are given back.
     */
    <T> CompletableFuture<T> stored(List<Device> devices, long now, CompletableFuture<T> write) {
        if (devices.isEmpty()) {
            return write;
        }
        return write.whenComplete((w, failed) -> {
            for (Device d : devices) {
                if (failed == null) {
                    activity.traffic(d.id(), now);
                } else {
                    activity.unclaim(d.id(), now);
                }
            }
        });
    }

    /**
     * A builtin point with its property, for the writer; its value is checked against the property
     * like any other point's (a value the property refuses is a bug, and an error here).
     */
    public Writer.Item item(String deviceId, String propertyId, long time, JsonNode value) {
        Property p = catalog.property(propertyId);
        String problem = Values.check(p, value);
        if (problem != null) {
            throw new IllegalArgumentException("Builtin " + p.name() + " of " + deviceId + " " + problem);
        }
        return new Writer.Item(new DataPoint(deviceId, propertyId, time, value, null), p);
    }

    public LogEntry log(String deviceId, long now, LogLevel level, String type, String message) {
        return new LogEntry(ids.next("log"), deviceId, Times.format(Instant.ofEpochMilli(now)), level, type, message);
    }
}
