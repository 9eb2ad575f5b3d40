package io.thingstead.activity;

import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.runtime.Slot;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is active. A device with {@code period > 0} is active after inbound traffic and inactive
 * once {@code period} seconds pass without any. Its state changes only after the store committed
 * what changes it: {@link #traffic} once the traffic's write is stored, {@link #stored} once an
 * {@code active} value is. Before that, a write that would make the device active {@link #claim}s
 * the transition (one claim at a time, so one write says it), and gives the claim back ({@link
 * #unclaim}) when its commit fails; a device whose deadline passed is reported once by {@link
 * #expired} and stays active until its {@code inactive} is stored. Traffic that arrived before the
 * deadline but whose write is not stored yet (each {@link #claim} notes it) holds the deadline back for at
 * most {@link #IN_FLIGHT_MS}: its commit moves the deadline, so a device that never fell silent for
 * a whole period is not written {@code inactive} just because its last write was still on its
 * way. {@link #expired} is cheap enough
 * to call several times a second for 100,000 devices, which keeps the detection well inside one
 * second of the deadline.
 * The deadlines are runtime state of their devices ({@link DeviceRuntime}): a deleted device's goes
 * with it.
 */
public final class ActivityTracker {
    /**
     * How long traffic not yet stored holds a passed deadline back: longer than a commit takes
     * under load; a write that fails without saying so ({@link #unclaim}) delays the device's
     * {@code inactive} by this much at most.
     */
    static final long IN_FLIGHT_MS = 5_000;

    private static final long NONE = Long.MIN_VALUE;

    /**
     * Per device: the deadline in epoch ms, the last inbound traffic (or null), whether it is active
     * (as stored), whether a write claimed the transition to active, and whether its deadline passed
     * (reported, {@code inactive} not yet stored).
     */
    private static final class State {
        volatile long periodMs;
        volatile long deadline;
        volatile Long lastInbound;
        volatile boolean active;
        /** The newest time of inbound traffic whose write is not stored yet, or {@link #NONE}. */
        long arriving = NONE;

        boolean claimed;
        boolean expiring;

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

    /**
     * Inbound traffic at {@code time} is on its way to the store (every write and connection):
     * until it is stored ({@link #traffic}) or failed ({@link #unclaim}) it holds a deadline that
     * passes meanwhile. True when it makes the device active (it is not, or its deadline passed)
     * and no other write claimed that yet; the caller then writes {@code active}.
     */
    public boolean claim(String deviceId, long time) {
        State s = states.get(deviceId);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            if (time > s.arriving) {
                s.arriving = time;
            }
            if ((s.active && !s.expiring) || s.claimed) {
                return false;
            }
            s.claimed = true;
            return true;
        }
    }

    /**
     * The write of the traffic at {@code time} was not stored: another write may claim the
     * transition, and that traffic holds the deadline back no longer.
     */
    public void unclaim(String deviceId, long time) {
        State s = states.get(deviceId);
        if (s != null) {
            synchronized (s) {
                s.claimed = false;
                settle(s, time);
            }
        }
    }

    /** Traffic up to {@code time} is stored or failed: it is no longer on its way. */
    private static void settle(State s, long time) {
        if (s.arriving <= time) {
            s.arriving = NONE;
        }
    }

    /** Inbound traffic at {@code time} is stored: the deadline moves. */
    public void traffic(String deviceId, long time) {
        State s = states.get(deviceId);
        if (s == null) {
            return;
        }
        synchronized (s) {
            if (s.lastInbound == null || time >= s.lastInbound) {
                s.lastInbound = time;
                s.deadline = time + s.periodMs;
            }
            settle(s, time);
        }
    }

    /** An {@code active} value of the device is stored: {@code active} or not (inactive, unknown). */
    public void stored(String deviceId, boolean active) {
        State s = states.get(deviceId);
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.active = active;
            s.claimed = false;
            s.expiring = false;
        }
    }

    /** Whether the device is active as stored (untracked: not). */
    public boolean isActive(String deviceId) {
        State s = states.get(deviceId);
        return s != null && s.active;
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

    /** Traffic from before the deadline is still on its way to the store (for {@link #IN_FLIGHT_MS} at most). */
    private static boolean heldBack(State s, long now) {
        return s.arriving != NONE && s.arriving < s.deadline && now - s.arriving < IN_FLIGHT_MS;
    }

    public void forget(String deviceId) {
        states.remove(deviceId);
    }

    /**
     * Devices whose deadline passed (active or never active), each reported once per deadline: the
     * caller writes them {@code inactive}; until that is stored they count as active, and traffic
     * meanwhile claims the transition back.
     */
    public List<String> expired(long now) {
        List<String> out = new ArrayList<>();
        states.forEach((id, s) -> {
            if (s.deadline <= now && s.deadline != Long.MAX_VALUE) {
                synchronized (s) {
                    if (s.deadline <= now && !heldBack(s, now)) {
                        s.deadline = Long.MAX_VALUE;
                        s.expiring = true;
                        out.add(id);
                    }
                }
            }
        });
        return out;
    }
}
