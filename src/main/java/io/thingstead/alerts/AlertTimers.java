package io.thingstead.alerts;

import io.thingstead.runtime.DeviceRuntime;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler timers of the incidents of the devices this node owns ({@link DeviceRuntime}), on
 * the injected clock (docs/alerts.md: Handlers): each check runs every pending handler due by now,
 * once, and releases each held-back incident whose gateway nothing says is down any more (its
 * incident cleared, or the gateway or its alert is gone). A timer that fell due while the server
 * was down is due at the first check after the start, and runs once.
 */
public final class AlertTimers {
    private static final Logger LOG = LoggerFactory.getLogger(AlertTimers.class);
    /** How often the server checks, in ms of real time. */
    public static final long CHECK_MS = 200;

    private final AlertEvaluation evaluation;
    private final DeviceRuntime runtime;
    private final InstantSource clock;

    public AlertTimers(AlertEvaluation evaluation, DeviceRuntime runtime, InstantSource clock) {
        this.evaluation = evaluation;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** Runs what is due at the clock's time now; one check at a time. */
    public synchronized void check() {
        Instant now = clock.instant();
        List<Incident> due = new ArrayList<>();
        evaluation.incidents().forEachOwned(runtime, i -> {
            if (i.heldBackBy() != null
                    || (i.active() && i.pending() != null && !i.pending().due().isAfter(now))) {
                due.add(i);
            }
        });
        for (Incident i : due) {
            try {
                if (i.heldBackBy() != null) {
                    evaluation.releaseIfUp(i);
                } else {
                    evaluation.fire(i, now);
                }
            } catch (RuntimeException e) {
                LOG.warn("Alert timer of {} on device {} failed", i.alertId(), i.deviceId(), e);
            }
        }
    }
}
