package io.thingstead.devices;

import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;

/**
 * Which device a data request acts on and as whom. A device key reaches its own device; a
 * gateway's device key also every edge device its context lists (acting for it); a method running
 * on a device acts as that device; a device-context
 * API client the listed devices; an account-context key the account's devices, as an external
 * client. Anything else is not found.
 */
public final class DeviceAccess {
    private final DeviceRegistry registry;

    public DeviceAccess(DeviceRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param device the device acted on
     * @param byDevice true when the device itself (or its gateway for it) is the caller
     * @param gateway the gateway acting for {@code device}, or null
     */
    public record Access(Device device, boolean byDevice, Device gateway) {}

    /**
     * 403 {@code Forbidden} when the key is the key of a disabled device: a disabled device (or
     * gateway) acts for nobody, for reads and writes alike, as its MQTT connect is refused.
     */
    public void requireEnabledKey(Principal p) {
        if (!p.isDeviceKey()) {
            return;
        }
        Device own = registry.get(p.keyDevice());
        if (own != null && own.status() == Device.Status.DISABLED) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Device '" + own.name() + "' is disabled: its key acts for no device");
        }
    }

    public Access resolve(Principal p, String accountId, String ref, String scope) {
        if (p.isSysadmin()) {
            throw new ApiException(ErrorCode.WRONG_CONTEXT, "The sysadmin key only serves /v3/sys resources");
        }
        requireEnabledKey(p);
        p.require(scope);
        if (p.inContext(KeyContext.Type.ACCOUNT)) {
            return new Access(registry.require(accountId, ref), false, null);
        }
        if (!p.inContext(KeyContext.Type.DEVICE) || p.context().ids().isEmpty()) {
            throw ApiException.notFound("Device", ref);
        }
        boolean deviceKey = p.isDeviceKey();
        // A device's method acts as the device itself on that device alone (docs/methods.md: Built-ins).
        boolean asDevice = deviceKey || p instanceof Principal.Method;
        String self = deviceKey ? p.keyDevice() : p.context().ids().get(0);
        String target = "_this_".equals(ref) ? self : ref;
        // Outside the key's context a device is not found, as one that does not exist.
        Device d = registry.find(accountId, target);
        if (d == null || !p.context().holds(d.id())) {
            throw ApiException.notFound("Device", ref);
        }
        if (!asDevice) {
            return new Access(d, false, null);
        }
        Device gateway = d.id().equals(self) ? null : registry.get(self);
        return new Access(d, true, gateway);
    }
}
