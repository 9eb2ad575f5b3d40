package io.thingstead.methods;

import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.devices.DeviceService;
import io.thingstead.ingest.Ingest;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.scripting.Host;
import io.thingstead.timeseries.DataService;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;

/**
 * What the built-ins of a running method reach (docs/methods.md: Built-ins): the write pipeline,
 * the reads of the Data API, the device list, the device log, and the gateway's key context as it
 * is at the moment of each call. Makes the {@link Host} of each call.
 *
 * @param keyContext the ids a device's key lists right now (a gateway's: itself, then its edge devices)
 */
public record MethodBuiltins(
        Ingest ingest,
        DataService data,
        DeviceRegistry registry,
        DeviceService devices,
        ProfileCatalog profiles,
        Function<String, List<String>> keyContext,
        DeviceLog log,
        InstantSource clock) {

    /**
     * The host of one call of {@code method} on {@code device} at {@code depth}; its nested calls go
     * through {@code invoker}, and its writes name that depth.
     */
    Host host(MethodInvoker invoker, Device device, ResolvedMethod method, int depth) {
        return new DeviceHost(this, invoker, device, method, depth);
    }
}
