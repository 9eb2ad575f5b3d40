package io.thingstead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceRuntimeTest {
    private final DeviceRuntime runtime = DeviceRuntime.singleNode();

    @Test
    void forget_freesTheDeviceInEverySlotAtOnce_andLeavesOtherDevices() {
        Slot<String> deadlines = runtime.slot("deadline");
        Slot<Integer> rates = runtime.slot("rate");
        deadlines.put("_dev_1", "soon");
        deadlines.put("_dev_2", "later");
        rates.put("_dev_1", 5);

        runtime.forget("_dev_1");

        assertThat(deadlines.get("_dev_1")).isNull();
        assertThat(rates.get("_dev_1")).isNull();
        assertThat(deadlines.get("_dev_2")).isEqualTo("later");
        assertThat(runtime.slotNames()).containsExactly("deadline", "rate");
    }

    @Test
    void forget_aSlotWithARelease_handsItTheState_andKeepsItUntilTheOwnerRemovesIt() {
        List<String> ended = new ArrayList<>();
        Slot<String> sessions = runtime.slot("session", (id, s) -> ended.add(id + ":" + s));
        sessions.put("_dev_1", "conn-7");

        runtime.forget("_dev_1");

        assertThat(ended).containsExactly("_dev_1:conn-7");
        assertThat(sessions.get("_dev_1")).as("the session's end removes it").isEqualTo("conn-7");
        assertThat(sessions.remove("_dev_1", "conn-7")).isTrue();
        runtime.forget("_dev_1");
        assertThat(ended).as("nothing left to release").hasSize(1);
    }

    @Test
    void aSingleNode_ownsEveryDevice() {
        assertThat(runtime.owns("_dev_1")).isTrue();
        assertThat(runtime.owns("_dev_" + Long.MAX_VALUE)).isTrue();
    }

    @Test
    void release_ofAPartition_stopsOwningItsDevices_andFreesOnlyTheirState() {
        String a = "_dev_1";
        String b = deviceOutside(Partitions.of(a));
        Slot<String> slot = runtime.slot("deadline");
        slot.put(a, "x");
        slot.put(b, "y");

        runtime.release(Partitions.of(a));

        assertThat(runtime.owns(a)).isFalse();
        assertThat(runtime.owns(b)).isTrue();
        assertThat(slot.get(a)).isNull();
        assertThat(slot.get(b)).isEqualTo("y");

        runtime.claim(Partitions.of(a));
        assertThat(runtime.owns(a)).isTrue();
    }

    private static String deviceOutside(int partition) {
        for (int i = 2; ; i++) {
            String id = "_dev_" + i;
            if (Partitions.of(id) != partition) {
                return id;
            }
        }
    }
}
