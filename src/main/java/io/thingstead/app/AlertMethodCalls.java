package io.thingstead.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.thingstead.alerts.delivery.MethodCalls;
import io.thingstead.alerts.delivery.Outcome;
import io.thingstead.core.ApiException;
import io.thingstead.devices.Device;
import io.thingstead.methods.MethodAccess;
import io.thingstead.methods.MethodInvoker;

/**
 * An alert's {@code method} notification calls a public method of the alert's device with {@code
 * parameter} as its value, as the platform: an external caller, so a private or protected method
 * is refused (docs/alerts.md: Notifications, docs/methods.md: Access). The outcome is the
 * notification's device log line: what the method returned, or why it did not run or failed.
 */
final class AlertMethodCalls implements MethodCalls {
    /** The most characters of a result the log line repeats. */
    static final int RESULT_CHARS = 200;

    private final MethodInvoker invoker;

    AlertMethodCalls(MethodInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public Outcome call(Device device, String methodRef, JsonNode parameter, int depth) {
        JsonNode value = parameter == null ? JsonNodeFactory.instance.nullNode() : parameter;
        try {
            JsonNode result = invoker.invoke(MethodAccess.Caller.EXTERNAL, device, methodRef, value, depth + 1);
            return new Outcome.Sent("method " + methodRef + " returned " + shortened(String.valueOf(result)));
        } catch (ApiException e) {
            return new Outcome.Failed("method " + methodRef + ": " + e.code().code() + ": " + e.getMessage());
        }
    }

    private static String shortened(String text) {
        return text.length() <= RESULT_CHARS ? text : text.substring(0, RESULT_CHARS) + "…";
    }
}
