package io.thingstead.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.runtime.DeviceRuntime;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    static final long T = 1_000_000;

    private final DeviceRuntime runtime = DeviceRuntime.singleNode();

    @Test
    void aBurstPasses_thenEachMessageIsHeldUntilItsTokenIsDue() {
        Throttle t = new Throttle(100, 1_000, runtime);
        for (int i = 0; i < t.burst(); i++) {
            assertThat(t.take("_dev_1", T, T, false).kind()).isEqualTo(Throttle.Kind.PASS);
        }
        Throttle.Decision held = t.take("_dev_1", T, T, false);
        assertThat(held.kind()).isEqualTo(Throttle.Kind.HOLD);
        assertThat(held.waitMs()).isEqualTo(10);
        assertThat(held.episodeStarts()).isTrue();
        Throttle.Decision next = t.take("_dev_1", T, T, false);
        assertThat(next.waitMs()).as("the debt adds up").isEqualTo(20);
        assertThat(next.episodeStarts()).isFalse();
        assertThat(t.take("_dev_2", T, T, false).kind())
                .as("another device has its own rate")
                .isEqualTo(Throttle.Kind.PASS);
    }

    @Test
    void qos0BeyondTheRate_isDropped_andTakesNoToken() {
        Throttle t = new Throttle(100, 1_000, runtime);
        for (int i = 0; i < t.burst(); i++) {
            t.take("_dev_1", T, T, true);
        }
        assertThat(t.take("_dev_1", T, T, true).kind()).isEqualTo(Throttle.Kind.DROP);
        assertThat(t.take("_dev_1", T + 10, T + 10, true).kind())
                .as("10 ms refilled one token, which the drops did not spend")
                .isEqualTo(Throttle.Kind.PASS);
    }

    @Test
    void aMessageThatWaitedLongerThanTheBacklogAllows_isOverQuota_andSaidOncePerEpisode() {
        Throttle t = new Throttle(100, 500, runtime);
        for (int i = 0; i < t.burst(); i++) {
            t.take("_dev_1", T, T, false);
        }
        Throttle.Decision late = t.take("_dev_1", T, T - 490, false);
        assertThat(late.kind()).as("490 ms waited, 10 ms still to wait: 500 ms").isEqualTo(Throttle.Kind.HOLD);
        Throttle.Decision over = t.take("_dev_1", T, T - 490, false);
        assertThat(over.kind()).as("490 ms waited, 20 ms to wait").isEqualTo(Throttle.Kind.OVER_QUOTA);
        assertThat(over.firstOverQuota()).isTrue();
        assertThat(t.take("_dev_1", T, T - 490, false).firstOverQuota()).isFalse();
    }

    @Test
    void anEpisodeEnds_whenTheDeviceKeptToItsRateForAFullBurst() {
        Throttle t = new Throttle(100, 1_000, runtime);
        for (int i = 0; i <= t.burst(); i++) {
            t.take("_dev_1", T, T, false);
        }
        long later = T + 2_000 + 50;
        for (int i = 0; i < t.burst(); i++) {
            assertThat(t.take("_dev_1", later, later, false).kind()).isEqualTo(Throttle.Kind.PASS);
        }
        assertThat(t.take("_dev_1", later, later, false).episodeStarts()).isTrue();
    }

    @Test
    void aForgottenDevice_startsAgainWithAFullBurst_andANewEpisode() {
        Throttle t = new Throttle(100, 1_000, runtime);
        for (int i = 0; i <= t.burst(); i++) {
            t.take("_dev_1", T, T, false);
        }
        assertThat(t.take("_dev_1", T, T, false).kind()).isEqualTo(Throttle.Kind.HOLD);

        runtime.forget("_dev_1");

        assertThat(t.take("_dev_1", T, T, false).kind()).isEqualTo(Throttle.Kind.PASS);
        for (int i = 1; i < t.burst(); i++) {
            t.take("_dev_1", T, T, false);
        }
        assertThat(t.take("_dev_1", T, T, false).episodeStarts()).isTrue();
    }
}
