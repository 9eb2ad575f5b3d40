package io.thingstead.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --method-timeout}, {@code --method-timeouts} and {@code --method-memory} (README: Methods). */
class MethodFlagsTest {
    @Test
    void noFlags_giveEveryAccountFiveSeconds() {
        Config c = Config.parse(new String[0], Map.of());
        assertThat(c.methodTimeout(null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.methodTimeout("premium")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void planTimeouts_applyByPlanType_anyCase_andTheRestGetTheDefault() {
        Config c = Config.parse(
                new String[] {"--method-timeout=2s", "--method-timeouts=Premium=30s, trial=500ms"}, Map.of());
        assertThat(c.methodTimeout("premium")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.methodTimeout("PREMIUM")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.methodTimeout("trial")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.methodTimeout("standard")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Config.parse(new String[0], Map.of("THINGSTEAD_METHOD_TIMEOUT", "1s"))
                        .methodTimeout(null))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void badValues_areRefusedInOneLine() {
        assertThatThrownBy(() -> Config.parse(new String[] {"--method-timeout=0s"}, Map.of()))
                .isInstanceOf(Config.Invalid.class)
                .hasMessageContaining("--method-timeout must be more than 0 and at most 5m");
        assertThatThrownBy(() -> Config.parse(new String[] {"--method-timeout=1h"}, Map.of()))
                .isInstanceOf(Config.Invalid.class);
        assertThatThrownBy(() -> Config.parse(new String[] {"--method-timeouts=premium"}, Map.of()))
                .isInstanceOf(Config.Invalid.class)
                .hasMessageContaining("plan=duration");
        assertThatThrownBy(() -> Config.parse(new String[] {"--method-timeouts=premium=soon"}, Map.of()))
                .isInstanceOf(Config.Invalid.class)
                .hasMessageContaining("--method-timeouts must be a duration");
    }

    @Test
    void methodMemory_takesMiB_andDefaultsTo1GiB_orAnEighthOfASmallerHeap() {
        assertThat(Config.parse(new String[] {"--method-memory=64"}, Map.of()).methodMemoryMib())
                .isEqualTo(64);
        assertThat(Config.parse(new String[0], Map.of("THINGSTEAD_METHOD_MEMORY", "1024"))
                        .methodMemoryMib())
                .isEqualTo(1024);
        assertThat(MethodFlags.defaultMemoryMib(16L << 30)).isEqualTo(1024);
        assertThat(MethodFlags.defaultMemoryMib(6L << 30)).isEqualTo(768);
        assertThat(MethodFlags.defaultMemoryMib(1L << 30)).isEqualTo(128);
        assertThat(MethodFlags.defaultMemoryMib(64L << 20)).isEqualTo(16);
        for (String bad : new String[] {"8", "65537", "lots", "1.5"}) {
            assertThatThrownBy(() -> Config.parse(new String[] {"--method-memory=" + bad}, Map.of()))
                    .isInstanceOf(Config.Invalid.class)
                    .hasMessageContaining("--method-memory must be a number of MiB from 16 to 65536");
        }
    }

    @Test
    void slotWait_defaultsTo300ms_takesAFlagOrItsVariable_upTo2s() {
        assertThat(Config.parse(new String[0], Map.of()).methodSlotWait()).isEqualTo(Duration.ofMillis(300));
        Config c = Config.parse(new String[] {"--method-slot-wait=1s", "--method-timeout=2s"}, Map.of());
        assertThat(c.methodSlotWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.withMethodTimeouts(Duration.ofSeconds(3), Map.of()).methodSlotWait())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(Config.parse(new String[0], Map.of("THINGSTEAD_METHOD_SLOT_WAIT", "0"))
                        .methodSlotWait())
                .isZero();
        assertThatThrownBy(() -> Config.parse(new String[] {"--method-slot-wait=3s"}, Map.of()))
                .isInstanceOf(Config.Invalid.class)
                .hasMessageContaining("--method-slot-wait must be at most 2s");
        assertThatThrownBy(() -> Config.parse(new String[] {"--method-slot-wait=soon"}, Map.of()))
                .isInstanceOf(Config.Invalid.class)
                .hasMessageContaining("--method-slot-wait must be a duration");
    }
}
