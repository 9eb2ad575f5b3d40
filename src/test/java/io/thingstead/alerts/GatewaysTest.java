package io.thingstead.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.Principal;
import io.thingstead.runtime.DeviceRuntime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewaysTest {
    /** Keeps what is stored in a map, and counts the writes. */
    private final Map<String, String> stored = new HashMap<>();

    private int writes;
    private final IncidentStore store = new IncidentStore() {
        @Override
        public List<Incident> loadAll() {
            return List.of();
        }

        @Override
        public void put(Incident incident) {}

        @Override
        public void remove(String alertId, String deviceId) {}

        @Override
        public void removeOf(String id) {}

        @Override
        public Map<String, String> loadGateways() {
            return Map.copyOf(stored);
        }

        @Override
        public void putGateway(String deviceId, String gatewayId) {
            writes++;
            if (gatewayId == null) {
                stored.remove(deviceId);
            } else {
                stored.put(deviceId, gatewayId);
            }
        }
    };

    private static Principal keyOf(String device, ApiKey.Owner owner) {
        ApiKey k = new ApiKey(
                "_key_" + device, "s", device, "_acc_1", KeyContext.device(device), List.of(), -1, null, null, owner);
        return new Principal.Key(k, "_acc_1", k.context(), Set.of());
    }

    @Test
    void gatewayKey_putsTheDeviceBehindIt_storedOnceAndReadBackAtStart() {
        Gateways gateways = new Gateways(store, DeviceRuntime.singleNode());
        gateways.spoke("_dev_e", keyOf("_dev_gw", ApiKey.Owner.DEVICE));
        gateways.spoke("_dev_e", keyOf("_dev_gw", ApiKey.Owner.DEVICE));

        assertThat(gateways.of("_dev_e")).isEqualTo("_dev_gw");
        assertThat(gateways.behind("_dev_gw")).containsExactly("_dev_e");
        assertThat(writes).isEqualTo(1);
        assertThat(new Gateways(store, DeviceRuntime.singleNode()).of("_dev_e")).isEqualTo("_dev_gw");
    }

    @Test
    void ownKey_makesTheDeviceSpeakForItself_otherKeysAndThePlatformChangeNothing() {
        Gateways gateways = new Gateways(store, DeviceRuntime.singleNode());
        gateways.spoke("_dev_e", keyOf("_dev_gw", ApiKey.Owner.DEVICE));
        gateways.spoke("_dev_e", keyOf("_usr_1", ApiKey.Owner.USER));
        gateways.spoke("_dev_e", Principal.PLATFORM);
        assertThat(gateways.of("_dev_e")).isEqualTo("_dev_gw");

        gateways.spoke("_dev_e", keyOf("_dev_e", ApiKey.Owner.DEVICE));
        assertThat(gateways.of("_dev_e")).isNull();
        assertThat(stored).isEmpty();
    }

    @Test
    void aDeletedDevice_isForgottenWithItsRuntimeState() {
        DeviceRuntime runtime = DeviceRuntime.singleNode();
        Gateways gateways = new Gateways(store, runtime);
        gateways.spoke("_dev_e", keyOf("_dev_gw", ApiKey.Owner.DEVICE));
        runtime.forget("_dev_e");
        assertThat(gateways.behind("_dev_gw")).isEmpty();
    }
}
