package io.thingstead.methods;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.devices.Device;
import io.thingstead.runtime.DeviceRuntime;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Instance state: quarantine written through to its store, statistics in memory, cleanup. */
class MethodInstancesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A store in a map, as a database would keep it across a restart. */
    static final class MapStore implements QuarantineStore {
        final Map<String, Quarantine> rows = new HashMap<>();

        @Override
        public List<Quarantine> loadAll() {
            return new ArrayList<>(rows.values());
        }

        @Override
        public void put(Quarantine q) {
            rows.put(q.deviceId() + "/" + q.methodId(), q);
        }

        @Override
        public void remove(String deviceId, String methodId) {
            rows.remove(deviceId + "/" + methodId);
        }

        @Override
        public void removeOf(String id) {
            rows.values().removeIf(q -> q.deviceId().equals(id) || q.methodId().equals(id));
        }
    }

    private final MapStore store = new MapStore();
    private final DeviceRuntime runtime = DeviceRuntime.singleNode();
    private final MethodInstances instances = new MethodInstances(store, runtime, InstantSource.fixed(T0));

    @Test
    void aQuarantine_isStored_survivesANewInstance_andEndsWhenEnabled() {
        instances.quarantine("_dev_1", "_mtd_1", "timed out after 5 s");
        assertThat(instances.isDisabled("_dev_1", "_mtd_1")).isTrue();
        assertThat(instances.isDisabled("_dev_2", "_mtd_1")).isFalse();
        assertThat(instances.state("_dev_1", "_mtd_1").cause()).isEqualTo("timed out after 5 s");
        assertThat(instances.state("_dev_1", "_mtd_1").disabledAt()).isEqualTo("2026-12-01T10:00:00.000Z");

        MethodInstances restarted = new MethodInstances(store, DeviceRuntime.singleNode(), InstantSource.fixed(T0));
        assertThat(restarted.isDisabled("_dev_1", "_mtd_1")).isTrue();
        restarted.enable("_dev_1", "_mtd_1");
        assertThat(restarted.isDisabled("_dev_1", "_mtd_1")).isFalse();
        assertThat(store.rows).isEmpty();
    }

    @Test
    void executions_setTheLastOne_andCountInTheStatistics() {
        assertThat(instances.state("_dev_1", "_mtd_1").lastExecution()).isNull();
        assertThat(instances.state("_dev_1", "_mtd_1").stats())
                .isEqualTo(new MethodInstances.Stats(0, null, null, 0, 0));
        instances.recordExecution("_dev_1", "_mtd_1", MethodInstances.Outcome.SUCCESS, T0, 12);
        instances.recordExecution("_dev_1", "_mtd_1", MethodInstances.Outcome.FAILURE, T0.plusSeconds(1), 3);
        instances.recordExecution("_dev_1", "_mtd_1", MethodInstances.Outcome.TIMEOUT, T0.plusSeconds(2), 5000);
        MethodInstances.State s = instances.state("_dev_1", "_mtd_1");
        assertThat(s.stats()).isEqualTo(new MethodInstances.Stats(3, 3L, 5000L, 5015, 2));
        assertThat(s.lastExecution())
                .isEqualTo(new MethodInstances.Execution(
                        MethodInstances.Outcome.TIMEOUT, "2026-12-01T10:00:02.000Z", 5000));
        assertThat(s.disabled()).as("recording never quarantines by itself").isFalse();
        instances.quarantine("_dev_1", "_mtd_1", "threw");
        instances.enable("_dev_1", "_mtd_1");
        assertThat(instances.state("_dev_1", "_mtd_1").stats().count()).isEqualTo(3);
    }

    @Test
    void aDeletedDeviceOrMethod_takesItsQuarantines_andStaleOnesGoAtStart() {
        instances.quarantine("_dev_1", "_mtd_1", "x");
        instances.quarantine("_dev_1", "_mtd_2", "x");
        instances.quarantine("_dev_2", "_mtd_1", "x");
        instances.quarantine("_dev_3", "_mtd_3", "x");
        instances.forgetMethod("_mtd_1");
        assertThat(instances.isDisabled("_dev_2", "_mtd_1")).isFalse();
        assertThat(instances.isDisabled("_dev_1", "_mtd_2")).isTrue();
        instances.deleted(device("_dev_1"));
        assertThat(instances.isDisabled("_dev_1", "_mtd_2")).isFalse();
        assertThat(store.rows).containsOnlyKeys("_dev_3/_mtd_3");

        store.put(new QuarantineStore.Quarantine("_dev_4", "_mtd_4", "x", T0));
        store.put(new QuarantineStore.Quarantine("_dev_3", "_mtd_9", "x", T0));
        MethodInstances restarted = new MethodInstances(store, DeviceRuntime.singleNode(), InstantSource.fixed(T0));
        restarted.dropStale(id -> !id.equals("_dev_4"), id -> !id.equals("_mtd_9"));
        assertThat(store.rows).containsOnlyKeys("_dev_3/_mtd_3");
        assertThat(restarted.isDisabled("_dev_3", "_mtd_3")).isTrue();
    }

    @Test
    void theRuntimeForgettingADevice_dropsItsMemoryOnly() {
        instances.quarantine("_dev_1", "_mtd_1", "x");
        runtime.forget("_dev_1");
        assertThat(instances.isDisabled("_dev_1", "_mtd_1")).isFalse();
        assertThat(store.rows).hasSize(1);
    }

    private static Device device(String id) {
        return new Device(
                id,
                "_acc_1",
                "d",
                null,
                "_dpf_1",
                List.of(),
                null,
                List.of(),
                Device.Status.ENABLED,
                0,
                null,
                null,
                false,
                false,
                null,
                false,
                null,
                null);
    }
}
