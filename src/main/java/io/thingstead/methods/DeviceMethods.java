package io.thingstead.methods;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import java.util.Iterator;
import java.util.List;

/**
 * The methods a device has, each with its instance state (docs/methods.md: Instances): {@code GET
 * /devices/{ref}/methods[/{ref}]} and {@code PUT /devices/{ref}/methods/{ref}}, which changes
 * {@code disabled} only (the definition changes on its profile).
 */
public final class DeviceMethods {
    private static final FieldSet CHANGE = FieldSet.of("disabled");

    private final MethodCatalog catalog;
    private final MethodInstances instances;
    private final DeviceRegistry devices;

    public DeviceMethods(MethodCatalog catalog, MethodInstances instances, DeviceRegistry devices) {
        this.catalog = catalog;
        this.instances = instances;
        this.devices = devices;
    }

    /** A method of a device: its definition as the device has it, and the device's instance of it. */
    public record Instance(
            @JsonUnwrapped Method.View method,
            boolean disabled,
            MethodInstances.Execution lastExecution,
            MethodInstances.Stats stats) {}

    public List<Instance> list(String accountId, String deviceRef) {
        Device d = device(accountId, deviceRef);
        return catalog.visibleTo(d).stream().map(r -> instance(d, r)).toList();
    }

    public Instance get(String accountId, String deviceRef, String methodRef) {
        Device d = device(accountId, deviceRef);
        return instance(d, resolve(d, methodRef));
    }

    /** {@code {"disabled": false}} enables a quarantined method on the device, {@code true} disables it. */
    public Instance change(String accountId, String deviceRef, String methodRef, JsonNode body) {
        if (body != null && body.isObject()) {
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("disabled") && MethodFields.KNOWN.accepts(name)) {
                    throw ApiException.invalid(
                            name,
                            "belongs to the method's definition, not to the device's instance of it; change it with"
                                    + " PUT /methods/{id}");
                }
            }
        }
        Fields f = Fields.of(body, "", CHANGE);
        Boolean disabled = f.bool("disabled");
        if (disabled == null) {
            throw ApiException.invalid("disabled", "is required: true or false");
        }
        Device d = device(accountId, deviceRef);
        ResolvedMethod r = resolve(d, methodRef);
        if (disabled) {
            instances.quarantine(d.id(), r.id(), "disabled through the API");
        } else {
            instances.enable(d.id(), r.id());
        }
        return instance(d, r);
    }

    private Instance instance(Device d, ResolvedMethod r) {
        MethodInstances.State s = instances.state(d.id(), r.id());
        return new Instance(r.view(), s.disabled(), s.lastExecution(), s.stats());
    }

    private ResolvedMethod resolve(Device d, String methodRef) {
        return catalog.resolve(d, methodRef).orElseThrow(() -> ApiException.notFound("Method", methodRef));
    }

    private Device device(String accountId, String ref) {
        Device d = devices.find(accountId, ref);
        if (d == null) {
            throw ApiException.notFound("Device", ref);
        }
        return d;
    }
}
