package io.thingstead.alerts.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.devices.Device;

/**
 * The port through which a {@code method} notification calls a public method of the alert's
 * device (docs/alerts.md: Notifications); the app wires it to the methods feature. Called on a
 * delivery worker, never on the writer's or the evaluation's thread, so it may block for as long
 * as the call takes.
 */
@FunctionalInterface
public interface MethodCalls {
    /**
     * Calls {@code methodRef} (an id or name) of {@code device} with {@code parameter} (may be
     * null), one method run deeper than {@code depth} ({@link io.thingstead.alerts.Outgoing#depth}).
     */
    Outcome call(Device device, String methodRef, JsonNode parameter, int depth);
}
