package io.thingstead.alerts;

import io.thingstead.accounts.Principal;
import io.thingstead.profiles.Builtins;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.runtime.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which gateway each device speaks through (docs/alerts.md: A gateway that goes down): a device is
 * behind a gateway when its last traffic came with that gateway's key, and speaks for itself once
 * it writes with its own key. Runtime state of the device ({@link DeviceRuntime}), stored on every
 * change so it survives a restart; writes with any other key (a user's, the platform's) change
 * nothing.
 */
public final class Gateways {
    /** The triggers whose incident on a gateway says it is down. */
    static final Set<String> DOWN = Set.of(Builtins.ACTIVE_ID, Builtins.CONNECTION_STATUS_ID);

    /** The triggers whose incident on a device behind a down gateway the outage explains. */
    static final Set<String> EXPLAINED = Set.of(Builtins.ACTIVE_ID, Builtins.CONNECTION_STATUS_ID, Builtins.LAST_IN_ID);

    private final IncidentStore store;
    private final Slot<String> behind;

    public Gateways(IncidentStore store, DeviceRuntime runtime) {
        this.store = store;
        this.behind = runtime.slot("gateway spoken through");
        store.loadGateways().forEach(behind::put);
    }

    /** A write of {@code deviceId} by {@code who} is stored: a device key says who spoke for it. */
    void spoke(String deviceId, Principal who) {
        String key = who.keyDevice();
        if (key == null) {
            return;
        }
        String gateway = key.equals(deviceId) ? null : key;
        if (Objects.equals(behind.get(deviceId), gateway)) {
            return;
        }
        if (gateway == null) {
            behind.remove(deviceId);
        } else {
            behind.put(deviceId, gateway);
        }
        store.putGateway(deviceId, gateway);
    }

    /** The gateway the device's last traffic came through, or null when it spoke for itself. */
    String of(String deviceId) {
        return behind.get(deviceId);
    }

    /** The devices behind the gateway. */
    List<String> behind(String gatewayId) {
        List<String> out = new ArrayList<>();
        behind.forEach((device, gateway) -> {
            if (gateway.equals(gatewayId)) {
                out.add(device);
            }
        });
        return out;
    }
}
