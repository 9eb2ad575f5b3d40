package io.thingstead.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.ErrorCode;
import io.thingstead.testing.Entities;
import io.thingstead.testing.InMemoryEntityStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device registry as a projection of stored changes: its name index and its listeners. */
class DeviceRegistryTest {
    static final String ACC = "_acc_1";

    final InMemoryEntityStore store = new InMemoryEntityStore();
    final List<String> heard = new ArrayList<>();
    Admin admin;
    DeviceRegistry registry;

    static Device device(String id, String account, String name, Map<String, String> customIds) {
        return Entities.device(id, account, name, customIds);
    }

    static Change put(Device d) {
        return Change.put(DeviceRegistry.KIND, d.id(), d.accountId(), d);
    }

    @BeforeEach
    void start() {
        store.with(DeviceRegistry.KIND, "_dev_1", ACC, device("_dev_1", ACC, "stored", Map.of()));
        admin = new Admin(store);
        registry = admin.register(new DeviceRegistry());
        registry.addListener(new DeviceListener() {
            @Override
            public void created(List<Device> devices) {
                heard.add("created " + devices.stream().map(Device::name).toList());
            }

            @Override
            public void updated(Device before, Device after) {
                heard.add("updated " + before.name() + " -> " + after.name());
            }

            @Override
            public void deleted(Device device) {
                heard.add("deleted " + device.name());
            }
        });
    }

    void persist(Change... changes) {
        Entities.persist(admin, changes);
    }

    @Test
    void loading_announcesNothing_andIndexesTheStoredDevices() {
        assertThat(heard).isEmpty();
        assertThat(registry.find(ACC, "STORED").id()).isEqualTo("_dev_1");
    }

    @Test
    void require_findsTheAccountsDeviceByIdOrName_andIsNotFoundForAnyOtherAccount() {
        assertThat(registry.require(ACC, "_dev_1").name()).isEqualTo("stored");
        assertThat(registry.require(ACC, "Stored").id()).isEqualTo("_dev_1");
        assertThatThrownBy(() -> registry.require("_acc_2", "_dev_1"))
                .isInstanceOf(ApiException.class)
                .hasMessage("Device '_dev_1' not found")
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void devicesCreatedTogether_areAnnouncedTogether_thenUpdatesAndDeletesOneByOne() {
        persist(put(device("_dev_2", ACC, "a", Map.of())), put(device("_dev_3", ACC, "b", Map.of())));
        persist(put(device("_dev_2", ACC, "renamed", Map.of())));
        persist(Change.delete(DeviceRegistry.KIND, "_dev_3"));

        assertThat(heard).containsExactly("created [a, b]", "updated a -> renamed", "deleted b");
        assertThat(registry.find(ACC, "renamed").id()).isEqualTo("_dev_2");
        assertThat(registry.find(ACC, "a")).isNull();
        assertThat(registry.get("_dev_3")).isNull();
    }

    @Test
    void aDeviceDeletedByAnotherNode_isAnnouncedToo() {
        Stored elsewhere = store.apply(List.of(Change.delete(DeviceRegistry.KIND, "_dev_1")))
                .get(0);

        admin.applyCommitted(List.of(elsewhere));

        assertThat(heard).containsExactly("deleted stored");
        assertThat(registry.find(ACC, "stored")).isNull();
    }

    @Test
    void namesAndCustomIds_areUniqueInTheStore_perAccount() {
        persist(put(device("_dev_2", ACC, "a", Map.of("sn", "S1"))));

        assertThatThrownBy(() -> persist(put(device("_dev_3", ACC, "A", Map.of()))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NAME_TAKEN);
                    assertThat(e.getMessage()).isEqualTo("A device named 'A' already exists");
                });
        assertThatThrownBy(() -> persist(put(device("_dev_4", ACC, "c", Map.of("sn", "S1")))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        persist(
                put(device("_dev_5", ACC, "d", Map.of("mac", "S1"))),
                put(device("_dev_6", "_acc_2", "a", Map.of("sn", "S1"))));

        assertThat(registry.all())
                .extracting(Device::id)
                .containsExactlyInAnyOrder("_dev_1", "_dev_2", "_dev_5", "_dev_6");
        assertThat(heard).containsExactly("created [a]", "created [d, a]");
    }

    @Test
    void aRestart_seesWhatWasAcknowledged() {
        persist(put(device("_dev_2", ACC, "a", Map.of("sn", "S1"))));
        persist(put(device("_dev_2", ACC, "b", Map.of("sn", "S2"))));
        assertThatThrownBy(() -> persist(put(device("_dev_3", ACC, "b", Map.of()))))
                .isInstanceOf(ApiException.class);

        DeviceRegistry restarted = new Admin(store).register(new DeviceRegistry());

        assertThat(restarted.all()).containsExactlyInAnyOrderElementsOf(registry.all());
        assertThat(restarted.find(ACC, "b").customIds()).containsEntry("sn", "S2");
    }
}
