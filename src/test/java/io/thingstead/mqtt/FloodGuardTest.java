package io.thingstead.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloodGuardTest {
    @Test
    void burstThenSustainedRate_excessDropped_warningAtMostOncePerSecond() {
        FloodGuard g = new FloodGuard();
        long t = 1_000_000;
        for (int i = 0; i < FloodGuard.BURST; i++) {
            assertThat(g.take("_dev_1", t)).isEqualTo(FloodGuard.Verdict.PASS);
        }
        assertThat(g.take("_dev_1", t)).isEqualTo(FloodGuard.Verdict.DROP_AND_WARN);
        assertThat(g.take("_dev_1", t)).isEqualTo(FloodGuard.Verdict.DROP);
        assertThat(g.take("_dev_2", t)).as("another device is not affected").isEqualTo(FloodGuard.Verdict.PASS);

        t += 10; // 10 ms refill 10 tokens
        int passed = 0;
        for (int i = 0; i < 20; i++) {
            if (g.take("_dev_1", t) == FloodGuard.Verdict.PASS) {
                passed++;
            }
        }
        assertThat(passed).isEqualTo(10);
        assertThat(g.take("_dev_1", t + 1000 - 10)).isIn(FloodGuard.Verdict.PASS, FloodGuard.Verdict.DROP_AND_WARN);
    }
}
