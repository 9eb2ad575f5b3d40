package io.thingstead.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceAccess;
import io.thingstead.methods.MethodAccess.Caller;
import io.thingstead.scripting.Limits;
import io.thingstead.scripting.ScriptCall;
import io.thingstead.scripting.ScriptResult;
import io.thingstead.scripting.ScriptRunner;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Function;

/**
 * The one way a device method runs (docs/methods.md: Invocation), for every path: REST, MQTT, an
 * alert's {@code method} notification, and a method calling another. It finds the method the
 * device has under the name or id, applies who may call it ({@link MethodAccess}) and its
 * quarantine, runs it on a script thread of its own with the account's limits, records the
 * execution, and on a failure of the script quarantines the method on that device and writes the
 * cause to the device log. A result is JSON; every refusal or failure is an {@link ApiException}.
 */
public final class MethodInvoker {
    /** The depth of the method running on this thread, so that a call it makes runs nested, on the same thread. */
    private static final ThreadLocal<Integer> DEPTH = new ThreadLocal<>();

    private final MethodCatalog catalog;
    private final MethodInstances instances;
    private final DeviceAccess access;
    private final ScriptRunner runner;
    private final MethodBuiltins builtins;
    private final MethodFailures failures;
    private final ScriptThreads threads;
    private final Function<String, Limits> limits;
    private final InstantSource clock;

    /**
     * @param limits the limits of a call (time, statements, sizes, depth), by account id
     */
    public MethodInvoker(
            MethodCatalog catalog,
            MethodInstances instances,
            DeviceAccess access,
            ScriptRunner runner,
            MethodBuiltins builtins,
            ScriptThreads threads,
            Function<String, Limits> limits,
            InstantSource clock) {
        this.catalog = catalog;
        this.instances = instances;
        this.access = access;
        this.runner = runner;
        this.builtins = builtins;
        this.failures = new MethodFailures(instances, builtins.log());
        this.threads = threads;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * A key's call (REST, MQTT): {@code device:execute} on a device its context reaches. The device
     * itself (its own key, or its gateway's for it) reaches its protected and public methods, any
     * other key the public ones.
     *
     * @param deviceRef an id, a name, or {@code _this_} for a device key's own device
     * @param methodRef the method's name, id or qualified name
     * @return the method's result (JSON null when it returned nothing)
     */
    public JsonNode invoke(Principal caller, String accountId, String deviceRef, String methodRef, JsonNode value) {
        DeviceAccess.Access a = access.resolve(caller, accountId, deviceRef, "device:execute");
        return invoke(a.byDevice() ? Caller.DEVICE : Caller.EXTERNAL, a.device(), methodRef, value);
    }

    /** A call of a method of {@code device} by {@code caller} (an alert's notification: {@link Caller#EXTERNAL}). */
    public JsonNode invoke(Caller caller, Device device, String methodRef, JsonNode value) {
        ResolvedMethod m = resolve(caller, device, methodRef);
        Integer outer = DEPTH.get();
        Limits l = limits.apply(device.accountId());
        if (outer != null) {
            return run(device, m, value, l, outer + 1);
        }
        return threads.run(device.accountId(), l.time(), () -> run(device, m, value, l, 1));
    }

    /**
     * A call of a method of {@code device} by {@code caller} that runs at {@code depth}: an alert's
     * notification raised by a write {@code depth - 1} method runs deep (docs/methods.md: Limits).
     *
     * @throws ApiException as {@link #invoke(Caller, Device, String, JsonNode)}, and when {@code
     *     depth} is deeper than the account's methods may nest
     */
    public JsonNode invoke(Caller caller, Device device, String methodRef, JsonNode value, int depth) {
        ResolvedMethod m = resolve(caller, device, methodRef);
        Limits l = limits.apply(device.accountId());
        checkDepth(depth, l);
        return threads.run(device.accountId(), l.time(), () -> run(device, m, value, l, depth));
    }

    /**
     * Starts a run of {@code m} on {@code device} at {@code depth} that nobody waits for (a bound
     * input's: docs/methods.md, Bound input) and returns at once; {@code done} runs once it has
     * ended, whatever the outcome (a failure of the script is quarantined and logged as for any
     * call). The method runs as the device's own, whatever its access.
     *
     * @throws ApiException refused before it ran: the device is disabled, the method is
     *     quarantined, {@code depth} is deeper than the account's methods may nest, or the method
     *     threads are full; {@code done} does not run then
     */
    public void start(Device device, ResolvedMethod m, JsonNode value, int depth, Runnable done) {
        ResolvedMethod current = resolve(Caller.fromMethod(m.owningProfileId()), device, m.id());
        Limits l = limits.apply(device.accountId());
        checkDepth(depth, l);
        threads.start(
                device.accountId(),
                () -> {
                    try {
                        run(device, current, value, l, depth);
                    } catch (ApiException failedAndLogged) {
                        // recorded, quarantined when the script's fault, and in the device log (MethodFailures)
                    }
                },
                done);
    }

    private static void checkDepth(int depth, Limits l) {
        if (depth > l.maxCallDepth()) {
            throw new ApiException(
                    ErrorCode.METHOD_FAILED,
                    "it would nest method runs deeper than " + l.maxCallDepth()
                            + " (what started it was written by a method that many runs deep)");
        }
    }

    private ResolvedMethod resolve(Caller caller, Device device, String methodRef) {
        ResolvedMethod m =
                catalog.resolve(device, methodRef).orElseThrow(() -> ApiException.notFound("Method", methodRef));
        if (!MethodAccess.allows(caller, m)) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "Method '" + m.method().name() + "' is " + m.access() + ": " + whoMayCall(m.access()));
        }
        if (device.status() == Device.Status.DISABLED) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Device '" + device.name() + "' is disabled: its methods do not run");
        }
        if (instances.isDisabled(device.id(), m.id())) {
            MethodInstances.State s = instances.state(device.id(), m.id());
            throw new ApiException(
                    ErrorCode.METHOD_DISABLED,
                    "Method '" + m.method().name() + "' is disabled on device '" + device.name() + "' since "
                            + s.disabledAt() + " (" + s.cause() + "); enable it with PUT /devices/" + device.id()
                            + "/methods/" + m.id() + " {\"disabled\": false}");
        }
        return m;
    }

    private static String whoMayCall(Method.Access access) {
        return switch (access) {
            case PRIVATE -> "only the methods of its own profile call it";
            case PROTECTED -> "only the device itself and its methods call it";
            case PUBLIC -> "anyone with device:execute calls it";
        };
    }

    private JsonNode run(Device device, ResolvedMethod m, JsonNode value, Limits limits, int depth) {
        ScriptCall call = new ScriptCall(
                device.accountId(),
                device.name(),
                m.method().name(),
                m.method().methodImpl().funcBody(),
                value,
                limits,
                depth);
        Instant at = clock.instant();
        Integer outer = DEPTH.get();
        DEPTH.set(depth);
        ScriptResult result;
        try {
            result = runner.run(call, builtins.host(this, device, m, depth));
        } finally {
            if (outer == null) {
                DEPTH.remove();
            } else {
                DEPTH.set(outer);
            }
        }
        return switch (result) {
            case ScriptResult.Success s -> {
                instances.recordExecution(
                        device.id(),
                        m.id(),
                        MethodInstances.Outcome.SUCCESS,
                        at,
                        s.took().toMillis());
                yield s.result();
            }
            case ScriptResult.Failure f -> throw failures.failed(device, m, f, value, at);
        };
    }
}
