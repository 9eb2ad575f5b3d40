package io.thingstead.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The incident state machine as a pure function (docs/alerts.md: Incidents): from the kept
 * incident (or none) and one evaluation, the incident after it and what to do. No match clears an
 * incident and runs {@code recover}; a match opens one or keeps it; only a rise changes its
 * severity and starts the new severity's chain; a {@code notification} match never touches it. An
 * acknowledged incident stays, silent, until it clears or rises; a held-back one runs no handler.
 */
public final class Incidents {
    private Incidents() {}

    /** A device log line about the incident. */
    public enum Event {
        OPENED,
        RAISED,
        CLEARED,
        ACKNOWLEDGED,
        HELD_BACK,
        RELEASED
    }

    /** What a transition asks for, in order. */
    public sealed interface Action {
        /** Start the chain of the condition of that severity from its first handler. */
        record StartChain(Condition.Severity severity) implements Action {}

        /** Cancel every pending handler of the incident. */
        record CancelChain() implements Action {}

        /** Run the alert's {@code recover} handler, if it has one. */
        record RunRecover() implements Action {}

        /** Run the {@code notification} condition's handlers (see {@link Chains#passThrough}). */
        record RunPassThrough() implements Action {}

        /** Write the event to the device log, with {@code detail} after it when not null. */
        record Log(Event event, Incident.Level severity, String detail) implements Action {
            public Log(Event event, Incident.Level severity) {
                this(event, severity, null);
            }
        }
    }

    /**
     * The outcome of a transition: {@code open} the incident kept after it (null: none); {@code
     * ended} the incident it cleared or acknowledged, or null.
     */
    public record Step(Incident open, Incident ended, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }

        /** Whether the step opens a new incident (none was kept before it). */
        boolean opens() {
            return actions.stream().anyMatch(a -> a instanceof Action.Log l && l.event() == Event.OPENED);
        }
    }

    /** One evaluation of the alert for the device, {@code current} its kept incident or null. */
    public static Step evaluate(
            String alertId, String deviceId, Incident current, Evaluator.Outcome outcome, Instant now) {
        if (outcome.skipped()) {
            return new Step(current, null, List.of());
        }
        List<Action> passThrough = outcome.passThrough() ? List.of(new Action.RunPassThrough()) : List.of();
        Incident.Level level = level(outcome);
        if (level == null) {
            return current == null ? new Step(null, null, passThrough) : cleared(current, passThrough);
        }
        if (current == null) {
            Incident opened = new Incident(alertId, deviceId, level, Incident.State.ACTIVE, now, now, 1);
            return new Step(
                    opened,
                    null,
                    concat(passThrough, new Action.Log(Event.OPENED, level), new Action.StartChain(level.condition())));
        }
        if (level.compareTo(current.severity()) > 0) {
            Incident raised = new Incident(
                    alertId,
                    deviceId,
                    level,
                    Incident.State.ACTIVE,
                    current.startTime(),
                    now,
                    current.count() + 1,
                    current.heldBackBy(),
                    null);
            boolean held = raised.heldBackBy() != null;
            List<Action> actions = concat(
                    passThrough,
                    new Action.CancelChain(),
                    new Action.Log(Event.RAISED, level, held ? held(raised) : null));
            if (!held) {
                actions.add(new Action.StartChain(level.condition()));
            }
            return new Step(raised, null, actions);
        }
        return new Step(current.matched(now), null, passThrough);
    }

    /**
     * No condition matches: the incident ends, its chain is cancelled and {@code recover} runs,
     * unless it was held back (nobody was told it opened, so nobody is told it cleared).
     */
    private static Step cleared(Incident current, List<Action> passThrough) {
        boolean held = current.heldBackBy() != null;
        List<Action> actions = concat(
                passThrough,
                new Action.CancelChain(),
                new Action.Log(Event.CLEARED, current.severity(), held ? held(current) : null));
        if (!held) {
            actions.add(new Action.RunRecover());
        }
        return new Step(null, current, actions);
    }

    /**
     * {@code DELETE .../incident}: the active incident is acknowledged: kept (listed as {@code
     * ack}) without its chain, and no longer held back, until it clears or rises. Without an active
     * incident nothing happens.
     */
    public static Step acknowledge(Incident current) {
        if (current == null || !current.active()) {
            return new Step(current, null, List.of());
        }
        Incident acked = new Incident(
                current.alertId(),
                current.deviceId(),
                current.severity(),
                Incident.State.ACK,
                current.startTime(),
                current.lastTriggered(),
                current.count());
        return new Step(
                acked,
                acked,
                List.of(new Action.CancelChain(), new Action.Log(Event.ACKNOWLEDGED, current.severity())));
    }

    /** The step that opens an incident, turned into one held back by {@code by}: stored, no handler run. */
    static Step holdBack(Step opening, Incident.HeldBack by) {
        Incident held = opening.open().heldBy(by);
        List<Action> actions = new ArrayList<>();
        for (Action a : opening.actions()) {
            if (a instanceof Action.Log l && l.event() == Event.OPENED) {
                actions.add(new Action.Log(Event.HELD_BACK, l.severity(), held(held)));
            } else if (!(a instanceof Action.StartChain)) {
                actions.add(a);
            }
        }
        return new Step(held, null, actions);
    }

    /**
     * The gateway that held {@code current} back recovered; {@code outcome} is the alert evaluated
     * again on the device's latest value (null: it has none). Still matching (or not evaluable):
     * the incident is released at the higher of both severities and its chain starts; else it
     * clears quietly, without {@code recover}.
     */
    static Step release(Incident current, Evaluator.Outcome outcome) {
        String why = "its gateway " + current.heldBackBy().gatewayId() + " recovered";
        boolean evaluated = outcome != null && !outcome.skipped();
        Incident.Level now = evaluated ? level(outcome) : null;
        if (evaluated && now == null) {
            return new Step(null, current, List.of(new Action.Log(Event.CLEARED, current.severity(), why)));
        }
        Incident.Level level = now != null && now.compareTo(current.severity()) > 0 ? now : current.severity();
        Incident released = new Incident(
                current.alertId(),
                current.deviceId(),
                level,
                Incident.State.ACTIVE,
                current.startTime(),
                current.lastTriggered(),
                current.count());
        return new Step(
                released,
                null,
                List.of(new Action.Log(Event.RELEASED, level, why), new Action.StartChain(level.condition())));
    }

    /** The incident level the outcome's severity opens, or null (none, or {@code notification}). */
    private static Incident.Level level(Evaluator.Outcome outcome) {
        return outcome.severity() == null ? null : Incident.Level.of(outcome.severity());
    }

    private static String held(Incident i) {
        return "held back: its gateway " + i.heldBackBy().gatewayId() + " is down (incident of alert "
                + i.heldBackBy().incidentAlertId() + ")";
    }

    private static List<Action> concat(List<Action> first, Action... more) {
        List<Action> out = new ArrayList<>(first);
        out.addAll(List.of(more));
        return out;
    }
}
