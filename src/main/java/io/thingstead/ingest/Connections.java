package io.thingstead.ingest;

import com.fasterxml.jackson.databind.node.TextNode;
import io.thingstead.accounts.Principal;
import io.thingstead.devices.Device;
import io.thingstead.events.Source;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.Builtins.ConnectionStatus;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The builtins of live connections: {@code connectionStatus} (unset until the first connect, then
 * {@code online}/{@code offline}), {@code connectionInfo} with {@code endpoint: mqtt}, {@code
 * lastOut} after a push reached the device, and log entries of the MQTT endpoint.
 */
public final class Connections {
    private final ProfileCatalog catalog;
    private final LatestValues latest;
    private final Builtin builtin;
    private final Writer writer;
    private final InstantSource clock;

    public Connections(
            ProfileCatalog catalog, LatestValues latest, Builtin builtin, Writer writer, InstantSource clock) {
        this.catalog = catalog;
        this.latest = latest;
        this.builtin = builtin;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Sets the devices online (with the connection's IP) or offline, writing only what changes, and
     * waits until it is stored.
     */
    public void status(List<Device> devices, boolean online, String ip) {
        long now = clock.millis();
        List<Writer.Item> items = new ArrayList<>();
        List<LogEntry> logs = new ArrayList<>();
        List<Device> traffic = new ArrayList<>();
        Source source = new Source(Source.Protocol.MQTT, ip, null);
        for (Device d : devices) {
            if (!catalog.isA(d.profileId(), Builtins.CONNECTED_DEVICE)) {
                continue;
            }
            ConnectionStatus status = ConnectionStatus.of(online);
            DataPoint current = latest.get(d.id(), Builtins.CONNECTION_STATUS_ID);
            if (current == null || ConnectionStatus.of(current.value()) != status) {
                items.add(builtin.item(d.id(), Builtins.CONNECTION_STATUS_ID, now, status.node()));
                logs.add(builtin.log(
                        d.id(), now, LogLevel.INFO, "Connection", status + (ip == null ? "" : " from " + ip)));
            }
            if (online && ip != null) {
                // A connection is inbound traffic like a write: activity and connectionInfo as REST.
                traffic.add(d);
                builtin.inbound(d, null, source, now, items, logs);
            }
        }
        CompletableFuture<?> write = items.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : writer.submit(Principal.PLATFORM, source, items, logs);
        Ingest.await(builtin.stored(traffic, now, write));
    }

    /** The devices whose last stored status is online (after a restart, nobody is connected). */
    public List<String> storedOnline(java.util.Collection<Device> devices) {
        List<String> out = new ArrayList<>();
        for (Device d : devices) {
            DataPoint p = latest.get(d.id(), Builtins.CONNECTION_STATUS_ID);
            if (p != null && ConnectionStatus.of(p.value()) == ConnectionStatus.ONLINE) {
                out.add(d.id());
            }
        }
        return out;
    }

    /** A device log entry of the MQTT endpoint (e.g. about a session's offline queue). */
    public void note(String deviceId, String type, String message) {
        writer.submit(List.of(), List.of(builtin.log(deviceId, clock.millis(), LogLevel.INFO, type, message)));
    }

    /** {@code lastOut}: the property whose value the platform delivered to the device. */
    public void delivered(Device d, String propertyName) {
        writer.submit(
                List.of(builtin.item(d.id(), Builtins.LAST_OUT_ID, clock.millis(), TextNode.valueOf(propertyName))),
                List.of());
    }
}
