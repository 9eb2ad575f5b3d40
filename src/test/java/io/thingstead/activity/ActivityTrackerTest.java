package io.thingstead.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.runtime.DeviceRuntime;
import org.junit.jupiter.api.Test;

class ActivityTrackerTest {
    static final long T = 1_000_000;
    static final String DEV = "_dev_1";

    private final DeviceRuntime runtime = DeviceRuntime.singleNode();
    private final ActivityTracker tracker = new ActivityTracker(runtime);

    /**
     * Traffic at {@code t} whose write is stored: it claims the transition to active, the deadline
     * moves, and the {@code active} it wrote (when it claimed) is stored; true when it claimed.
     */
    private boolean touch(String device, long t) {
        boolean claimed = tracker.claim(device, t);
        tracker.traffic(device, t);
        if (claimed) {
            tracker.stored(device, true);
        }
        return claimed;
    }

    @Test
    void anUntrackedDevice_isNeverTouchedActive_norExpired() {
        assertThat(touch(DEV, T)).isFalse();
        assertThat(tracker.expired(T + 1_000_000)).isEmpty();
    }

    @Test
    void touch_saysActiveOnlyOnTheTransition() {
        tracker.track(DEV, 10, null, false, T);

        assertThat(touch(DEV, T + 1)).isTrue();
        assertThat(touch(DEV, T + 2)).isFalse();
    }

    @Test
    void expired_onceThePeriodPassesInSilence_andOnlyOnce() {
        tracker.track(DEV, 10, null, false, T);
        touch(DEV, T + 1_000);

        assertThat(tracker.expired(T + 10_999)).isEmpty();
        assertThat(tracker.expired(T + 11_000)).containsExactly(DEV);
        assertThat(tracker.expired(T + 60_000)).as("inactive already").isEmpty();
        assertThat(touch(DEV, T + 61_000)).as("active again").isTrue();
        assertThat(tracker.expired(T + 71_000)).containsExactly(DEV);
    }

    @Test
    void eachTouch_movesTheDeadline() {
        tracker.track(DEV, 10, null, false, T);
        for (long t = T; t < T + 30_000; t += 5_000) {
            touch(DEV, t);
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
        touch(DEV, T + 1_000);

        tracker.track(DEV, 5, T - 10_000, true, T + 2_000);

        assertThat(tracker.expired(T + 5_999)).isEmpty();
        assertThat(tracker.expired(T + 6_000)).containsExactly(DEV);
    }

    @Test
    void periodZero_stopsTracking() {
        tracker.track(DEV, 10, null, false, T);

        tracker.track(DEV, 0, null, false, T);

        assertThat(tracker.expired(T + 60_000)).isEmpty();
        assertThat(touch(DEV, T)).isFalse();
    }

    @Test
    void aForgottenDevice_hasNoDeadlineLeft() {
        tracker.track(DEV, 10, null, false, T);
        tracker.track("_dev_2", 10, null, false, T);

        runtime.forget(DEV);

        assertThat(tracker.expired(T + 60_000)).containsExactly("_dev_2");
        assertThat(runtime.slotNames()).containsExactly("activity deadline");
    }

    @Test
    void aWriteThatFailed_givesItsClaimBack_andTheNextWriteClaimsAgain() {
        tracker.track(DEV, 10, null, false, T);

        assertThat(tracker.claim(DEV, T)).isTrue();
        assertThat(tracker.claim(DEV, T)).as("one claim at a time").isFalse();
        tracker.unclaim(DEV, T);

        assertThat(tracker.isActive(DEV)).isFalse();
        assertThat(tracker.claim(DEV, T)).isTrue();
    }

    @Test
    void nothingChanges_untilTheWriteIsStored() {
        tracker.track(DEV, 10, null, false, T);
        tracker.claim(DEV, T);

        assertThat(tracker.isActive(DEV)).as("claimed, not stored").isFalse();
        assertThat(tracker.expired(T + 10_000)).as("the deadline did not move").containsExactly(DEV);
    }

    @Test
    void aDeviceWhoseDeadlinePassed_staysActiveUntilInactiveIsStored_andTrafficMeanwhileClaimsActiveAgain() {
        tracker.track(DEV, 10, null, false, T);
        touch(DEV, T);
        assertThat(tracker.expired(T + 10_000)).containsExactly(DEV);

        assertThat(tracker.isActive(DEV)).isTrue();
        assertThat(tracker.claim(DEV, T + 10_000))
                .as("traffic racing the inactive write")
                .isTrue();
        tracker.stored(DEV, false);
        assertThat(tracker.isActive(DEV)).isFalse();
    }

    /** A device with period 10 s, active since T, sends at T + 9.99 s: its write is not stored yet. */
    private void sentJustBeforeTheDeadline() {
        tracker.track(DEV, 10, null, false, T);
        touch(DEV, T);
        tracker.claim(DEV, T + 9_990);
    }

    @Test
    void trafficFromBeforeTheDeadline_stillOnItsWay_holdsTheDeadline_andItsCommitMovesIt() {
        sentJustBeforeTheDeadline();

        assertThat(tracker.expired(T + 10_050))
                .as("held back: the device never fell silent")
                .isEmpty();
        tracker.traffic(DEV, T + 9_990);
        assertThat(tracker.expired(T + 10_100)).isEmpty();
        assertThat(tracker.expired(T + 19_990)).containsExactly(DEV);
    }

    @Test
    void trafficThatFailedToBeStored_holdsTheDeadlineNoLonger() {
        sentJustBeforeTheDeadline();

        tracker.unclaim(DEV, T + 9_990);

        assertThat(tracker.expired(T + 10_050)).containsExactly(DEV);
    }

    @Test
    void trafficNeverSettled_holdsTheDeadlineForTheInFlightLimitOnly() {
        sentJustBeforeTheDeadline();

        assertThat(tracker.expired(T + 9_990 + ActivityTracker.IN_FLIGHT_MS - 1))
                .isEmpty();
        assertThat(tracker.expired(T + 9_990 + ActivityTracker.IN_FLIGHT_MS)).containsExactly(DEV);
    }

    @Test
    void trafficAfterTheDeadline_holdsNothing_theDeviceWasSilentForAWholePeriod() {
        tracker.track(DEV, 10, null, false, T);
        touch(DEV, T);
        tracker.claim(DEV, T + 10_020);

        assertThat(tracker.expired(T + 10_050)).containsExactly(DEV);
    }
}
