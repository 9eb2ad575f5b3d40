package io.thingstead.activity;

import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.runtime.Slot;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is active. A device with {@code period > 0} is active after inbound traffic and inactive
 * once {@code period} seconds pass without any. Inbound traffic only moves a deadline in memory;
 * a caller learns of a transition from {@link #touch} (to active) or {@link #expired} (to
 * inactive) and writes it. {@link #expired} is cheap enough to call several times a second for
 * 100,000 devices, which keeps the detection well inside one second of the deadline. The deadlines
 * are runtime state of their devices ({@link DeviceRuntime}): a deleted device's goes with it.
 */
public final class ActivityTracker {
    /** Per device: the deadline in epoch ms, the last inbound traffic (or null), and whether it is active. */
    private static final class State {
        volatile long periodMs;
        volatile long deadline;
        volatile Long lastInbound;
        volatile boolean active;

        State(long periodMs, long deadline, Long lastInbound, boolean active) {
            this.periodMs = periodMs;
            this.deadline = deadline;
            this.lastInbound = lastInbound;
            this.active = active;
        }
    }

    private final Slot<State> states;

    public ActivityTracker(DeviceRuntime runtime) {
        this.states = runtime.slot("activity deadline");
    }

    /** Inbound traffic at {@code now}; true when the device was not active before. */
    public boolean touch(String deviceId, long now) {
        State s = states.get(deviceId);
        if (s == null) {
            return false;
        }
        s.deadline = now + s.periodMs;
        s.lastInbound = now;
        if (!s.active) {
            synchronized (s) {
                if (!s.active) {
                    s.active = true;
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Starts or changes tracking. {@code lastInbound} is the last traffic (or null if none);
     * {@code active} whether the device is active now. A period of 0 stops tracking. A change of
     * period counts from the latest traffic known, stored or seen since the start.
     */
    public void track(String deviceId, long periodSeconds, Long lastInbound, boolean active, long now) {
        if (periodSeconds <= 0) {
            states.remove(deviceId);
            return;
        }
        long periodMs = periodSeconds * 1000;
        State s = states.get(deviceId);
        if (s == null) {
            long from = lastInbound != null ? lastInbound : now;
            states.put(deviceId, new State(periodMs, from + periodMs, lastInbound, active));
        } else {
            synchronized (s) {
                Long seen = s.lastInbound;
                Long last = seen == null ? lastInbound : lastInbound == null ? seen : Math.max(seen, lastInbound);
                s.periodMs = periodMs;
                s.lastInbound = last;
                s.deadline = (last != null ? last : now) + periodMs;
            }
        }
    }

    public void forget(String deviceId) {
        states.remove(deviceId);
    }

    /** Devices whose deadline passed while active (or never active): they are inactive from now. */
    public List<String> expired(long now) {
        List<String> out = new ArrayList<>();
        states.forEach((id, s) -> {
            if (s.deadline <= now && s.deadline != Long.MAX_VALUE) {
                synchronized (s) {
                    if (s.deadline <= now) {
                        s.active = false;
                        s.deadline = Long.MAX_VALUE;
                        out.add(id);
                    }
                }
            }
        });
        return out;
    }
}
