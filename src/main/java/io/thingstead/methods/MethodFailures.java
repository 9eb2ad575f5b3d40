package io.thingstead.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.devices.Device;
import io.thingstead.scripting.ScriptResult.Failure;
import io.thingstead.scripting.ScriptResult.Kind;
import io.thingstead.timeseries.LogLevel;
import java.time.Instant;

/**
 * What a failed run leaves (docs/methods.md: Quarantine): the execution recorded, the method
 * quarantined on the device when the failure is the script's own (a throw, a timeout, a result
 * that is not JSON, ...), the cause in the device log (more detail when the device is in {@code
 * debug}), and the error the caller is answered.
 */
final class MethodFailures {
    private static final int MAX_VALUE_CHARS = 200;

    private final MethodInstances instances;
    private final DeviceLog log;

    MethodFailures(MethodInstances instances, DeviceLog log) {
        this.instances = instances;
        this.log = log;
    }

    ApiException failed(Device device, ResolvedMethod m, Failure f, JsonNode value, Instant at) {
        MethodInstances.Outcome outcome =
                f.kind() == Kind.TIMEOUT ? MethodInstances.Outcome.TIMEOUT : MethodInstances.Outcome.FAILURE;
        instances.recordExecution(device.id(), m.id(), outcome, at, f.took().toMillis());
        boolean quarantine = f.kind().faultOfScript();
        String told = f.message();
        if (quarantine) {
            instances.quarantine(device.id(), m.id(), f.message());
            told += "; the method is now disabled on device '" + device.name() + "' until enabled again with PUT"
                    + " /devices/" + device.id() + "/methods/" + m.id() + " {\"disabled\": false}";
        }
        String logged = told;
        if (device.status() == Device.Status.DEBUG) {
            logged += " [" + detail(f, value) + "]";
        }
        log.write(device.id(), LogLevel.ERROR, quarantine ? "MethodQuarantined" : "MethodFailed", logged);
        return new ApiException(code(f.kind()), told);
    }

    /** What a device in {@code debug} is told besides: the kind of failure, where, how long, with what. */
    static String detail(Failure f, JsonNode value) {
        String v = value == null ? "null" : value.toString();
        if (v.length() > MAX_VALUE_CHARS) {
            v = v.substring(0, MAX_VALUE_CHARS - 3) + "...";
        }
        String where = f.line() > 0 ? ", line " + f.line() + ", column " + f.column() : "";
        return "failure: " + f.kind().name().toLowerCase(java.util.Locale.ROOT) + where + ", after "
                + f.took().toMillis() + " ms, called with value " + v;
    }

    static ErrorCode code(Kind kind) {
        return switch (kind) {
            case TIMEOUT -> ErrorCode.METHOD_TIMEOUT;
            case MEMORY_LIMIT -> ErrorCode.METHOD_OUT_OF_MEMORY;
            case INTERNAL -> ErrorCode.UNAVAILABLE;
            case SYNTAX,
                    STATEMENT_LIMIT,
                    THROWN,
                    NOT_JSON,
                    RESULT_TOO_LARGE,
                    SCRIPT_TOO_LARGE,
                    DEPTH_EXCEEDED,
                    HOST_ERROR -> ErrorCode.METHOD_FAILED;
        };
    }
}
