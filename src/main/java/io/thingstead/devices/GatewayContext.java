package io.thingstead.devices;

import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.KeyRequests;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Fields;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.ProfileCatalog;
import java.util.function.Function;

/** The rules of a device key's context: how a gateway is associated with its edge devices (docs/connio.md: Gateways). */
final class GatewayContext {
    private GatewayContext() {}

    /** The checked context of the body, or null when the body has none. */
    static KeyContext check(Fields body, Device device, ProfileCatalog profiles, Function<String, Device> lookup) {
        KeyContext ctx = KeyRequests.context(body);
        if (ctx == null) {
            return null;
        }
        if (ctx.type() != KeyContext.Type.DEVICE) {
            throw ApiException.invalid("context.type", "a device key keeps the context 'device'");
        }
        if (ctx.ids().isEmpty()) {
            throw ApiException.invalid("context.ids", "must list the device itself first");
        }
        if (!ctx.ids().get(0).equals(device.id())) {
            throw new ApiException(
                    ErrorCode.GATEWAY_MUST_BE_FIRST,
                    "'context.ids[0]' must be the device's own id '" + device.id() + "', got '"
                            + ctx.ids().get(0) + "'");
        }
        if (ctx.ids().size() > 1 && !profiles.isA(device.profileId(), Builtins.GATEWAY)) {
            throw new ApiException(
                    ErrorCode.NOT_A_GATEWAY,
                    "'context.ids' may list other devices only for a device whose profile IS-A Gateway; '"
                            + device.name() + "' is not one");
        }
        for (int i = 1; i < ctx.ids().size(); i++) {
            Device edge = lookup.apply(ctx.ids().get(i));
            if (edge == null || !edge.id().equals(ctx.ids().get(i))) {
                throw ApiException.unknownReference(
                        "context.ids[" + i + "]", "device", ctx.ids().get(i));
            }
        }
        return ctx;
    }
}
