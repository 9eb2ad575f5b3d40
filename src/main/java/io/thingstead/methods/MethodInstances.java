package io.thingstead.methods;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Times;
import io.thingstead.core.Wire;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceListener;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.runtime.Slot;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Each device's instance of its methods (docs/methods.md: Instances): whether it is disabled
 * (quarantined), its last execution and its statistics, kept per device in a {@link
 * DeviceRuntime} slot. A quarantine is stored through the {@link QuarantineStore} before memory
 * changes, so it survives a restart; executions and statistics live in memory only and start
 * again from nothing after a restart.
 */
public final class MethodInstances implements DeviceListener {
    /** How an execution ended. */
    public enum Outcome {
        SUCCESS,
        FAILURE,
        TIMEOUT;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    /** The last execution: its outcome, when it started, how long it took in milliseconds. */
    public record Execution(Outcome status, String at, long time) {}

    /** Executions so far: how many, the shortest, longest and summed times (ms), how many failed or timed out. */
    public record Stats(long count, Long min, Long max, long sum, long failures) {
        static final Stats NONE = new Stats(0, null, null, 0, 0);

        Stats plus(Outcome outcome, long ms) {
            return new Stats(
                    count + 1,
                    min == null ? ms : Math.min(min, ms),
                    max == null ? ms : Math.max(max, ms),
                    sum + ms,
                    failures + (outcome == Outcome.SUCCESS ? 0 : 1));
        }
    }

    /** One instance's state: disabled (and why, since when), the last execution (null until run), the statistics. */
    public record State(boolean disabled, String cause, String disabledAt, Execution lastExecution, Stats stats) {
        static final State FRESH = new State(false, null, null, null, Stats.NONE);
    }

    private final QuarantineStore store;
    private final InstantSource clock;
    /** deviceId → methodId → state; a device's entry goes with the device (and with its partition). */
    private final Slot<Map<String, State>> slot;

    public MethodInstances(QuarantineStore store, DeviceRuntime runtime, InstantSource clock) {
        this.store = store;
        this.clock = clock;
        this.slot = runtime.slot("method instances");
        for (QuarantineStore.Quarantine q : store.loadAll()) {
            states(q.deviceId()).put(q.methodId(), disabled(State.FRESH, q.cause(), q.at()));
        }
    }

    /** Disables the method on the device (a timeout, a throw, or a client's {@code "disabled": true}), stored first. */
    public void quarantine(String deviceId, String methodId, String cause) {
        Instant at = clock.instant();
        store.put(new QuarantineStore.Quarantine(deviceId, methodId, cause, at));
        states(deviceId).compute(methodId, (k, s) -> disabled(s == null ? State.FRESH : s, cause, at));
    }

    /** Enables the method on the device again ({@code PUT /devices/{ref}/methods/{ref} {"disabled": false}}). */
    public void enable(String deviceId, String methodId) {
        store.remove(deviceId, methodId);
        Map<String, State> states = slot.get(deviceId);
        if (states != null) {
            states.computeIfPresent(methodId, (k, s) -> new State(false, null, null, s.lastExecution(), s.stats()));
        }
    }

    public boolean isDisabled(String deviceId, String methodId) {
        return state(deviceId, methodId).disabled();
    }

    /** Records one execution of the method on the device: it becomes the last, and counts in the statistics. */
    public void recordExecution(String deviceId, String methodId, Outcome status, Instant at, long durationMs) {
        Execution e = new Execution(status, Times.format(at), durationMs);
        states(deviceId).compute(methodId, (k, s) -> {
            State cur = s == null ? State.FRESH : s;
            return new State(
                    cur.disabled(),
                    cur.cause(),
                    cur.disabledAt(),
                    e,
                    cur.stats().plus(status, durationMs));
        });
    }

    /** The instance's state; a method never run nor disabled on the device is fresh. */
    public State state(String deviceId, String methodId) {
        Map<String, State> states = slot.get(deviceId);
        State s = states == null ? null : states.get(methodId);
        return s == null ? State.FRESH : s;
    }

    /** A deleted method's instances go on every device. */
    public void forgetMethod(String methodId) {
        store.removeOf(methodId);
        slot.values().forEach(states -> states.remove(methodId));
    }

    /** A deleted device's stored quarantines go; its memory goes with its runtime slot. */
    @Override
    public void deleted(Device device) {
        store.removeOf(device.id());
        slot.remove(device.id());
    }

    /** Drops the quarantines of devices or methods deleted while the server was down. */
    public void dropStale(Predicate<String> deviceExists, Predicate<String> methodExists) {
        slot.forEach((deviceId, states) -> {
            if (!deviceExists.test(deviceId)) {
                store.removeOf(deviceId);
                slot.remove(deviceId);
                return;
            }
            for (String methodId : Map.copyOf(states).keySet()) {
                if (!methodExists.test(methodId)) {
                    forgetMethod(methodId);
                }
            }
        });
    }

    private Map<String, State> states(String deviceId) {
        return slot.computeIfAbsent(deviceId, id -> new ConcurrentHashMap<>());
    }

    private static State disabled(State s, String cause, Instant at) {
        return new State(true, cause, Times.format(at), s.lastExecution(), s.stats());
    }
}
