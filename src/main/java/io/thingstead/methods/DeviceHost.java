package io.thingstead.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.Times;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceFilter;
import io.thingstead.events.Source;
import io.thingstead.ingest.Receipt;
import io.thingstead.methods.MethodAccess.Caller;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.scripting.Host;
import io.thingstead.scripting.HostException;
import io.thingstead.timeseries.Feed;
import io.thingstead.timeseries.LogLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The built-ins of one method call on one device (docs/methods.md: Built-ins). The method acts as
 * the device: it writes through the same pipeline as REST and MQTT ({@link Principal.Method},
 * source {@code method}), reads all of its properties, and calls its methods by the access rules.
 * A gateway's method also reaches the devices its key lists at the moment of each call; any other
 * device is refused, with a line in the gateway's log, and nothing is written. Every refusal is a
 * {@link HostException}: the script sees a rejection with its message.
 */
final class DeviceHost implements Host {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> POINT_FIELDS = Set.of("value", "time");
    /** Lines one call may write to the device log; a script logging in a loop stops there. */
    static final int MAX_LOG_LINES = 100;

    static final int MAX_LOG_CHARS = 2000;

    private final MethodBuiltins b;
    private final MethodInvoker invoker;
    private final Device device;
    private final ResolvedMethod method;
    private final int depth;
    private int logLines;

    DeviceHost(MethodBuiltins b, MethodInvoker invoker, Device device, ResolvedMethod method, int depth) {
        this.b = b;
        this.invoker = invoker;
        this.device = device;
        this.method = method;
        this.depth = depth;
    }

    @Override
    public JsonNode setProperty(String name, JsonNode point) {
        return write(device, name, point, "setProperty");
    }

    @Override
    public JsonNode getProperty(String name) {
        return read(device, name, "getProperty");
    }

    @Override
    public void log(String level, String message) {
        LogLevel l = refusing("log", () -> LogLevel.of(level));
        if (++logLines > MAX_LOG_LINES) {
            if (logLines == MAX_LOG_LINES + 1) {
                b.log()
                        .write(
                                device.id(),
                                LogLevel.WARNING,
                                "MethodLog",
                                named() + ": more than " + MAX_LOG_LINES
                                        + " log lines in one call; the rest are dropped");
            }
            return;
        }
        String text = message.length() > MAX_LOG_CHARS ? message.substring(0, MAX_LOG_CHARS) + "..." : message;
        b.log().write(device.id(), l, "MethodLog", named() + ": " + text);
    }

    @Override
    public JsonNode readData(String name, JsonNode query) {
        return refusing("readData", () -> {
            ProfileCatalog.Resolved r = b.data().property(device, name, true);
            return b.data().query(device, r, query == null || query.isNull() ? JSON.objectNode() : query);
        });
    }

    /** A method of the same device: private ones only from the methods of the profile that owns them. */
    @Override
    public JsonNode callOwnMethod(String name, JsonNode value) {
        return refusing(name, () -> invoker.invoke(Caller.fromMethod(method.owningProfileId()), device, name, value));
    }

    @Override
    public List<String> findDevices(JsonNode filter) {
        return refusing("findDevices", () -> {
            DeviceFilter f = DeviceFilter.from(DeviceFilter.Query.of(filter), this::profileIdOrNone);
            Set<String> matching = new HashSet<>();
            b.devices().list(device.accountId(), f).forEach(d -> matching.add(d.id()));
            List<String> out = new ArrayList<>();
            for (String id : edges()) {
                if (matching.contains(id)) {
                    out.add(id);
                }
            }
            return out;
        });
    }

    /** An edge device's method, as the gateway's key would call it (protected and public): {@code {result}}. */
    @Override
    public JsonNode executeDeviceMethod(String deviceId, String methodName, JsonNode value) {
        Device edge = edge(deviceId, "executeDeviceMethod");
        JsonNode result = refusing(methodName, () -> invoker.invoke(Caller.DEVICE, edge, methodName, value));
        ObjectNode out = JSON.objectNode();
        out.set("result", result);
        return out;
    }

    @Override
    public JsonNode setDeviceProperty(String deviceId, String name, JsonNode point) {
        return write(edge(deviceId, "setDeviceProperty"), name, point, "setDeviceProperty");
    }

    /** The edge device's latest value of the property (null before its first write). */
    @Override
    public JsonNode getDeviceProperty(String deviceId, String name) {
        return read(edge(deviceId, "getDeviceProperty"), name, "getDeviceProperty")
                .get("value");
    }

    /** Writes one point {@code {value, time}} (no time: the server's) as a method of {@code target}. */
    private JsonNode write(Device target, String name, JsonNode point, String fn) {
        if (point == null || !point.isObject() || !point.has("value")) {
            throw new HostException(fn + ": the point must be an object {value, time}");
        }
        point.fieldNames().forEachRemaining(field -> {
            if (!POINT_FIELDS.contains(field)) {
                throw new HostException(fn + ": the point takes 'value' and 'time', not '" + field + "'");
            }
        });
        JsonNode time = point.get("time");
        if (time != null && !time.isNull() && !time.isTextual()) {
            throw new HostException(fn + ": 'time' must be an ISO-8601 time with a zone");
        }
        boolean serverTime = time == null || time.isNull();
        long t = serverTime
                ? b.clock().millis()
                : refusing(fn, () -> Times.parse("time", time.textValue()).toEpochMilli());
        Feed feed = new Feed(List.of(new Feed.Entry(name, t, point.get("value"), null, null, serverTime)));
        Principal p = new Principal.Method(target.id(), target.accountId(), method.qualifiedName(), depth);
        Receipt r = refusing(fn, () -> b.ingest().write(p, target.accountId(), target.id(), feed, Source.METHOD));
        if (r.rejected() > 0) {
            throw new HostException(
                    fn + ": '" + name + "' " + r.rejections().get(0).reason());
        }
        ObjectNode stored = JSON.objectNode();
        stored.set("value", point.get("value"));
        stored.put("time", Times.format(Instant.ofEpochMilli(t)));
        return stored;
    }

    private JsonNode read(Device target, String name, String fn) {
        return refusing(fn, () -> b.data().latest(target, b.data().property(target, name, true)));
    }

    /** The device the gateway's key lists right now under that id (or name); else refused and logged. */
    private Device edge(String ref, String fn) {
        Device d = b.registry().find(device.accountId(), ref);
        if (d == null || d.id().equals(device.id()) || !edges().contains(d.id())) {
            String message = fn + ": device '" + ref + "' is not one of the devices of " + device.name()
                    + "'s key context; nothing was done";
            b.log().write(device.id(), LogLevel.WARNING, "MethodRefused", named() + ": " + message);
            throw new HostException(message);
        }
        return d;
    }

    /** The devices the device's key lists besides itself, as they are now. */
    private List<String> edges() {
        List<String> ids = new ArrayList<>(b.keyContext().apply(device.id()));
        ids.remove(device.id());
        return ids;
    }

    private String profileIdOrNone(String ref) {
        DeviceProfile p = b.profiles().find(device.accountId(), ref);
        return p == null ? "_dpf_none" : p.id();
    }

    private String named() {
        return "method '" + method.method().name() + "'";
    }

    /** Runs a step whose refusals ({@link ApiException}) the script sees as rejections naming {@code fn}. */
    private static <T> T refusing(String fn, Supplier<T> step) {
        try {
            return step.get();
        } catch (ApiException e) {
            throw new HostException(fn + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new HostException(fn + ": " + e.getMessage());
        }
    }
}
