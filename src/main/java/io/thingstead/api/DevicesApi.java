package io.thingstead.api;

import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceFilter;
import io.thingstead.devices.DeviceService;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileService;
import java.util.List;

/** {@code /devices} and their device keys; device-context keys reach the devices they list. */
final class DevicesApi {
    /** The device list filters (README: API); Connio's v2 filters that are not served say so. */
    private static final FieldSet FILTERS = Params.PAGING
            .plus(DeviceFilter.FIELDS)
            .unsupported("prop", "propVal", "propOp", "lat", "lon", "radius", "app", "actyStatus", "zone");

    private final DeviceService devices;
    private final ProfileService profiles;
    private final io.thingstead.timeseries.DataService data;

    DevicesApi(Platform p) {
        this.devices = p.devices();
        this.profiles = p.profiles();
        this.data = p.data();
    }

    void register(Router r) {
        r.add("GET", "/devices", FILTERS, c -> {
            c.principal().require("device:read");
            return c.page(devices.list(c.account().id(), filter(c)));
        });
        r.add("POST", "/devices", c -> {
            c.principal().require("device:create");
            List<Device> created = devices.create(c.account().id(), c.json());
            return c.json().isArray() ? created : created.get(0);
        });
        r.add("POST", "/devices/bulk", c -> {
            c.principal().require("device:create");
            if (!c.json().isArray()) {
                throw ApiException.invalid("body", "must be an array of devices");
            }
            return devices.create(c.account().id(), c.json());
        });
        r.add("GET", "/devices/{ref}", c -> {
            c.principal().require("device:read");
            return device(c);
        });
        r.add("PUT", "/devices/{ref}", c -> {
            c.principal().require("device:modify");
            return devices.update(
                    c.principal(), c.anyContextAccount().id(), device(c).id(), c.json());
        });
        r.add("DELETE", "/devices/{ref}", c -> {
            c.principal().require("device:delete");
            return new Deleted(devices.delete(c.account().id(), c.param("ref")));
        });
        r.add("GET", "/devices/{ref}/logs", Params.PAGING, c -> {
            c.principal().require("device:read");
            return data.logs(device(c), c.paging());
        });
        r.add("GET", "/devices/{ref}/apikey", c -> {
            c.principal().require("device:read");
            return devices.key(c.principal(), device(c));
        });
        r.add("POST", "/devices/{ref}/apikey", c -> {
            c.requireNoBody(Call.KEY_UPDATE_HINT);
            c.principal().require("device:modify");
            return devices.regenerateKey(c.principal(), device(c));
        });
        r.add("PUT", "/devices/{ref}/apikey", c -> {
            c.principal().require("device:modify");
            return devices.updateKey(
                    c.principal(), c.anyContextAccount().id(), device(c).id(), c.jsonOrEmpty());
        });
    }

    /**
     * The device named by the path. An account key reaches the account's devices; a device key
     * reaches the devices of its context ({@code _this_} is its own device).
     */
    private Device device(Call c) {
        Principal p = c.principal();
        String ref = c.param("ref");
        if (p.inContext(KeyContext.Type.ACCOUNT)) {
            return devices.get(c.account().id(), ref);
        }
        if (!p.inContext(KeyContext.Type.DEVICE)) {
            p.requireContext(KeyContext.Type.DEVICE);
        }
        String accountId = c.anyContextAccount().id();
        if ("_this_".equals(ref)) {
            ref = p.isDeviceKey() ? p.keyDevice() : p.context().ids().get(0);
        }
        Device d = devices.get(accountId, ref);
        if (!p.context().holds(d.id())) {
            throw ApiException.notFound("Device", c.param("ref"));
        }
        return d;
    }

    private DeviceFilter filter(Call c) {
        String accountId = c.account().id();
        return DeviceFilter.from(c::query, ref -> profileIdOrNone(accountId, ref));
    }

    /** A filter on a profile that does not exist matches nothing rather than failing. */
    private String profileIdOrNone(String accountId, String ref) {
        try {
            DeviceProfile p = profiles.get(accountId, ref);
            return p.id();
        } catch (ApiException e) {
            return "_dpf_none";
        }
    }
}
