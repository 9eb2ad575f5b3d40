package io.thingstead.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.DidYouMean;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Times;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceAccess;
import io.thingstead.events.Source;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.Property;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.Feed;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import io.thingstead.timeseries.Stored;
import io.thingstead.timeseries.Values;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The write pipeline: who may write what, each point validated on its own against the device's
 * resolved profile, builtins derived, and the whole stored durably before the receipt.
 */
public final class Ingest {
    private final DeviceAccess access;
    private final ProfileCatalog catalog;
    private final Builtin builtins;
    private final Writer writer;
    private final InstantSource clock;
    private final Duration maxFutureSkew;
    private final RejectionLog rejectionLog;
    private final RejectionLog replacementLog;

    /** @param maxFutureSkew how far ahead of the server clock a point's time may be */
    public Ingest(
            DeviceAccess access,
            ProfileCatalog catalog,
            Builtin builtins,
            Writer writer,
            InstantSource clock,
            Duration maxFutureSkew,
            DeviceRuntime runtime) {
        this.rejectionLog = new RejectionLog(runtime);
        this.replacementLog = new RejectionLog(runtime, "replacements");
        this.maxFutureSkew = maxFutureSkew;
        this.access = access;
        this.catalog = catalog;
        this.builtins = builtins;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Writes and waits until the points are durably stored (their pushes follow from the stored
     * events). The receipt counts the points that replaced a stored one.
     */
    public Receipt write(Principal p, String accountId, String deviceRef, Feed feed, Source source) {
        Pending pending = submit(p, accountId, deviceRef, feed, source);
        int replaced = await(pending.stored());
        return pending.receipt().withReplaced(replaced);
    }

    /**
     * A validated write on its way to the store: the receipt (before the store said what was
     * replaced) and the future that completes when it is durable with the number of points that
     * replaced a stored one.
     */
    public record Pending(Receipt receipt, CompletableFuture<Integer> stored) {}

    /**
     * Validates and queues a write without waiting for the store (the MQTT endpoint acknowledges
     * from the future); a refused write throws {@link ApiException} here, before anything is queued.
     */
    public Pending submit(Principal p, String accountId, String deviceRef, Feed feed, Source source) {
        DeviceAccess.Access a = access.resolve(p, accountId, deviceRef, "device:write-data");
        Device device = a.device();
        if (device.status() == Device.Status.DISABLED) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Device '" + device.name() + "' is disabled: its data is refused");
        }
        long now = clock.millis();
        List<Writer.Item> items = new ArrayList<>();
        List<Feed.Entry> written = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<LogEntry> logs = new ArrayList<>();
        List<Receipt.Rejection> rejections = new ArrayList<>();
        String lastName = null;
        ObjectNode sourceMeta = JsonNodeFactory.instance
                .objectNode()
                .put("protocol", source.protocol().toString())
                .put("source", a.byDevice() ? "object" : "external_client");
        List<Feed.Entry> entries = feed.entries();
        // Points without meta of their own share one meta and its JSON: [0] client-timed, [1] server-timed
        Meta[] shared = new Meta[2];
        for (int i = 0; i < entries.size(); i++) {
            Feed.Entry e = entries.get(i);
            ProfileCatalog.Resolved r = e.prop() == null ? null : catalog.resolveProperty(device.profileId(), e.prop());
            Receipt.Rejection rejection = check(i, e, r, a, now);
            if (rejection != null) {
                rejections.add(rejection);
                int at = i;
                String message = rejectionLog.admit(
                        device.id(),
                        now,
                        () -> "Point " + at + " (" + describe(e) + ") rejected: " + rejection.reason());
                if (message != null) {
                    logs.add(builtins.log(device.id(), now, LogLevel.WARNING, "DataRejected", message));
                }
                continue;
            }
            Meta meta;
            if (e.meta() != null) {
                meta = Meta.of(meta(e, sourceMeta, device));
            } else {
                int slot = e.serverTime() ? 1 : 0;
                if (shared[slot] == null) {
                    shared[slot] = Meta.of(meta(e, sourceMeta, device));
                }
                meta = shared[slot];
            }
            DataPoint point = new DataPoint(device.id(), r.property().id(), e.time(), e.value(), meta.node());
            items.add(new Writer.Item(point, r.property(), Stored.of(point, meta.json()), e.serverTime()));
            written.add(e);
            indexes.add(i);
            lastName = r.property().name();
        }
        int accepted = items.size();
        List<Device> traffic = new ArrayList<>(2);
        // A method's write is the device's data but no traffic of it: lastIn, active and
        // connectionInfo follow what the device (or its gateway) sends.
        if (a.byDevice() && p instanceof Principal.Key) {
            traffic.add(device);
            builtins.inbound(device, lastName, source, now, items, logs);
            if (a.gateway() != null) {
                traffic.add(a.gateway());
                builtins.inbound(a.gateway(), null, source, now, items, logs);
            }
        }
        CompletableFuture<Integer> stored = items.isEmpty() && logs.isEmpty()
                ? builtins.stored(traffic, now, CompletableFuture.completedFuture(0))
                : builtins.stored(traffic, now, writer.submit(p, source, items, logs))
                        .thenApply(w -> logReplaced(device.id(), w, written, indexes));
        return new Pending(new Receipt(accepted, rejections.size(), rejections), stored);
    }

    /**
     * Writes to the device log which points replaced a stored point of the same time (within the
     * device's share of such entries); returns how many did. {@code written} are the entries of
     * the write's first items, {@code indexes} their places in the feed.
     */
    private int logReplaced(String deviceId, Writer.Written w, List<Feed.Entry> written, List<Integer> indexes) {
        if (w.replaced().isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        List<LogEntry> logs = new ArrayList<>();
        int replaced = 0;
        for (int item : w.replaced()) {
            if (item >= written.size()) {
                continue;
            }
            replaced++;
            Feed.Entry e = written.get(item);
            String message = replacementLog.admit(
                    deviceId,
                    now,
                    () -> "Point " + indexes.get(item) + " (" + describe(e)
                            + ") replaced the value stored for that time (a point of the same time replaces it)");
            if (message != null) {
                logs.add(builtins.log(deviceId, now, LogLevel.INFO, "DataReplaced", message));
            }
        }
        if (!logs.isEmpty()) {
            writer.submit(List.of(), logs);
        }
        return replaced;
    }

    /**
     * Why point {@code index} cannot be stored, or null when it can. A point an external key may
     * not write refuses the whole write (as a request it has no right to make).
     */
    private Receipt.Rejection check(
            int index, Feed.Entry e, ProfileCatalog.Resolved r, DeviceAccess.Access a, long now) {
        if (e.problem() != null) {
            return new Receipt.Rejection(index, e.prop(), e.problem(), Receipt.Kind.INVALID);
        }
        if (r == null) {
            return new Receipt.Rejection(
                    index, e.prop(), unknownProperty(a.device(), e.prop()), Receipt.Kind.UNKNOWN_PROPERTY);
        }
        requireWritable(r.property(), a.byDevice());
        String problem = Values.check(r.property(), e.value());
        if (problem == null && e.time() > now + maxFutureSkew.toMillis()) {
            problem = "is timed " + Times.format(Instant.ofEpochMilli(e.time())) + ", more than "
                    + Times.describe(maxFutureSkew) + " ahead of the server clock";
        }
        if (problem == null) {
            problem = beyondLifetime(r.property(), e.time(), now);
        }
        return problem == null ? null : new Receipt.Rejection(index, e.prop(), problem, Receipt.Kind.INVALID);
    }

    /**
     * Why a point is too old to keep: a historical property's points older than its {@code
     * lifetime} would only be purged (README: Data, retention), so they are refused at the write.
     */
    private static String beyondLifetime(Property prop, long time, long now) {
        Long lifetime = RetentionPurge.lifetimeMs(prop.retention().lifetime());
        if (lifetime == null || !prop.retention().keepsHistory() || time >= now - lifetime) {
            return null;
        }
        return "is timed " + Times.format(Instant.ofEpochMilli(time)) + ", older than the property's retention"
                + " lifetime of " + prop.retention().lifetime() + " (points before "
                + Times.format(Instant.ofEpochMilli(now - lifetime)) + " are not kept)";
    }

    private String unknownProperty(Device device, String prop) {
        List<String> names = new ArrayList<>();
        for (ProfileCatalog.Resolved r : catalog.resolvedProperties(device.profileId())) {
            if (!Builtins.isBuiltinProperty(r.property().id())) {
                names.add(r.property().name());
            }
        }
        return "names no property '" + prop + "' of this device" + DidYouMean.hint(prop, names);
    }

    /**
     * Logs input of a device refused before it became points (a bad MQTT topic or payload), within
     * the same per-device share as rejected points.
     */
    public void logRejection(String deviceId, String type, String message) {
        long now = clock.millis();
        String admitted = rejectionLog.admit(deviceId, now, message);
        if (admitted != null) {
            writer.submit(List.of(), List.of(builtins.log(deviceId, now, LogLevel.WARNING, type, admitted)));
        }
    }

    /** Builtins belong to the platform; external keys write only public properties. */
    private static void requireWritable(Property prop, boolean byDevice) {
        if (Builtins.isBuiltinProperty(prop.id())) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Property '" + prop.name() + "' is maintained by the platform and read-only");
        }
        if (!byDevice && !prop.access().othersWrite()) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "Property '" + prop.name() + "' is " + prop.access() + ": only its device writes it");
        }
    }

    /** A point's meta and its JSON, encoded once. */
    private record Meta(ObjectNode node, String json) {
        static Meta of(ObjectNode node) {
            return new Meta(node, node.toString());
        }
    }

    private static ObjectNode meta(Feed.Entry e, ObjectNode sourceMeta, Device device) {
        ObjectNode meta = e.meta() == null
                ? JsonNodeFactory.instance.objectNode()
                : e.meta().deepCopy();
        meta.setAll(sourceMeta);
        if (e.serverTime()) {
            meta.put(ServerTimes.MARK, 1);
        }
        if (device.annotateWithLoc() && !meta.has("loc") && device.location() != null) {
            meta.set("loc", device.location());
        }
        return meta;
    }

    private static String describe(Feed.Entry e) {
        JsonNode v = e.value();
        String value = v == null ? "(none)" : v.toString();
        if (value.length() > 120) {
            value = value.substring(0, 117) + "...";
        }
        return (e.prop() == null ? "" : e.prop() + "=") + value + " at " + Times.format(Instant.ofEpochMilli(e.time()));
    }

    static <T> T await(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "The data could not be stored; nothing was acknowledged");
        }
    }
}
