package io.thingstead.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.runtime.DeviceRuntime;
import org.junit.jupiter.api.Test;

class ActivityTrackerTest {
    static final long T = 1_000_000;
    static final String DEV = "_dev_1";

    private final DeviceRuntime runtime = DeviceRuntime.singleNode();
    private final ActivityTracker tracker = new ActivityTracker(runtime);

    @Test
    void anUntrackedDevice_isNeverTouchedActive_norExpired() {
        assertThat(tracker.touch(DEV, T)).isFalse();
        assertThat(tracker.expired(T + 1_000_000)).isEmpty();
    }

    @Test
    void touch_saysActiveOnlyOnTheTransition() {
        tracker.track(DEV, 10, null, false, T);

        assertThat(tracker.touch(DEV, T + 1)).isTrue();
        assertThat(tracker.touch(DEV, T + 2)).isFalse();
    }

    @Test
    void expired_onceThePeriodPassesInSilence_andOnlyOnce() {
        tracker.track(DEV, 10, null, false, T);
        tracker.touch(DEV, T + 1_000);

        assertThat(tracker.expired(T + 10_999)).isEmpty();
        assertThat(tracker.expired(T + 11_000)).containsExactly(DEV);
        assertThat(tracker.expired(T + 60_000)).as("inactive already").isEmpty();
        assertThat(tracker.touch(DEV, T + 61_000)).as("active again").isTrue();
        assertThat(tracker.expired(T + 71_000)).containsExactly(DEV);
    }

    @Test
    void eachTouch_movesTheDeadline() {
        tracker.track(DEV, 10, null, false, T);
        for (long t = T; t < T + 30_000; t += 5_000) {
            tracker.touch(DEV, t);
            assertThat(tracker.expired(t + 4_999)).isEmpty();
        }
        assertThat(tracker.expired(T + 35_000)).containsExactly(DEV);
    }

    @Test
    void aDeviceThatNeverWrites_expiresOnePeriodAfterTrackingStarts() {
        tracker.track(DEV, 10, null, false, T);

        assertThat(tracker.expired(T + 9_999)).isEmpty();
        assertThat(tracker.expired(T + 10_000)).containsExactly(DEV);
    }

    @Test
    void track_fromStoredTraffic_countsThePeriodFromTheLastInbound() {
        tracker.track(DEV, 10, T - 4_000, true, T);

        assertThat(tracker.expired(T + 5_999)).isEmpty();
        assertThat(tracker.expired(T + 6_000)).containsExactly(DEV);
    }

    @Test
    void aChangedPeriod_countsFromTheLatestTrafficSeen() {
        tracker.track(DEV, 60, null, false, T);
        tracker.touch(DEV, T + 1_000);

        tracker.track(DEV, 5, T - 10_000, true, T + 2_000);

        assertThat(tracker.expired(T + 5_999)).isEmpty();
        assertThat(tracker.expired(T + 6_000)).containsExactly(DEV);
    }

    @Test
    void periodZero_stopsTracking() {
        tracker.track(DEV, 10, null, false, T);

        tracker.track(DEV, 0, null, false, T);

        assertThat(tracker.expired(T + 60_000)).isEmpty();
        assertThat(tracker.touch(DEV, T)).isFalse();
    }

    @Test
    void aForgottenDevice_hasNoDeadlineLeft() {
        tracker.track(DEV, 10, null, false, T);
        tracker.track("_dev_2", 10, null, false, T);

        runtime.forget(DEV);

        assertThat(tracker.expired(T + 60_000)).containsExactly("_dev_2");
        assertThat(runtime.slotNames()).containsExactly("activity deadline");
    }
}
