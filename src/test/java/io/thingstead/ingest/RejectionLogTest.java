package io.thingstead.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.runtime.DeviceRuntime;
import org.junit.jupiter.api.Test;

class RejectionLogTest {
    private final DeviceRuntime runtime = DeviceRuntime.singleNode();

    @Test
    void aBurstIsLogged_theRestCounted_andTheNextLoggedEntrySaysHowMany() {
        RejectionLog log = new RejectionLog(runtime);
        long t = 1_000_000;
        for (int i = 0; i < RejectionLog.BURST; i++) {
            assertThat(log.admit("_dev_1", t, "bad " + i)).isEqualTo("bad " + i);
        }
        for (int i = 0; i < 500; i++) {
            assertThat(log.admit("_dev_1", t, "flood")).isNull();
        }
        assertThat(log.admit("_dev_2", t, "other"))
                .as("another device has its own share")
                .isEqualTo("other");

        assertThat(log.admit("_dev_1", t + RejectionLog.REFILL_MS, "later"))
                .startsWith("later (500 rejections before it were not logged");
        assertThat(log.admit("_dev_1", t + RejectionLog.REFILL_MS, "same moment"))
                .isNull();
        assertThat(log.admit("_dev_1", t + 2 * RejectionLog.REFILL_MS, "next")).startsWith("next (1 rejections");
    }

    @Test
    void aDeletedDevice_leavesNoShareBehind_andItsIdStartsAfresh() {
        RejectionLog rejections = new RejectionLog(runtime);
        RejectionLog replacements = new RejectionLog(runtime, "replacements");
        long t = 1_000_000;
        for (int i = 0; i < RejectionLog.BURST + 5; i++) {
            rejections.admit("_dev_1", t, "bad");
            replacements.admit("_dev_1", t, "replaced");
        }

        runtime.forget("_dev_1");

        assertThat(runtime.slotNames()).containsExactly("log share of rejections", "log share of replacements");
        assertThat(rejections.admit("_dev_1", t, "fresh"))
                .as("a full share again, and no count of what the deleted device flooded")
                .isEqualTo("fresh");
        assertThat(replacements.admit("_dev_1", t, "fresh")).isEqualTo("fresh");
    }
}
