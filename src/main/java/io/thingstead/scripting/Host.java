package io.thingstead.scripting;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a running method reaches outside its sandbox: the built-ins of docs/methods.md, implemented
 * by the caller for the device the method runs on. Every argument and result is JSON. A call may
 * throw {@link HostException}: its message becomes the rejection the script sees (an uncaught one
 * fails the method with {@link ScriptResult.Kind#HOST_ERROR}). Any other exception is reported to
 * the script as an internal error without its detail. Calls come on the thread running the
 * script; a nested method call ({@link #callOwnMethod}, {@link #executeDeviceMethod}) must run
 * {@link ScriptRunner#run} on that same thread, so that it counts in the depth and time of the
 * outer call.
 */
public interface Host {
    /** Writes a point {@code {value, time}} of the device's property; answers the stored point. */
    JsonNode setProperty(String name, JsonNode point);

    /** The latest value of a property: {@code {meta, time, value}}. */
    JsonNode getProperty(String name);

    /** A line in the device log; level is one of error, debug, info, warning. */
    void log(String level, String message);

    /** Historical data of a property, the query as in REST. */
    JsonNode readData(String name, JsonNode query);

    /** Runs another method of the same device (the host applies access and private rules). */
    JsonNode callOwnMethod(String name, JsonNode value);

    /** Ids of the devices a gateway (or app) reaches that match the filter. */
    List<String> findDevices(JsonNode filter);

    /** Runs a method of a device the gateway reaches: answers {@code {result}}. */
    JsonNode executeDeviceMethod(String deviceId, String method, JsonNode value);

    JsonNode setDeviceProperty(String deviceId, String name, JsonNode point);

    JsonNode getDeviceProperty(String deviceId, String name);
}
