package io.thingstead.alerts;

import java.time.Instant;
import java.util.List;

/**
 * The incident state machine as a pure function (docs/alerts.md: Incidents): from the open
 * incident (or none) and one evaluation, the incident after it and what to do. No match clears an
 * open incident and runs {@code recover}; a match opens one or keeps it; only a rise changes its
 * severity and starts the new severity's chain; a {@code notification} match never touches it.
 */
public final class Incidents {
    private Incidents() {}

    /** A device log line about the incident. */
    public enum Event {
        OPENED,
        RAISED,
        CLEARED,
        ACKNOWLEDGED
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

        /** Write the event to the device log. */
        record Log(Event event, Incident.Level severity) implements Action {}
    }

    /**
     * The outcome of a transition: {@code open} the incident open after it (null: none); {@code
     * ended} the incident it ended (cleared or acknowledged), or null.
     */
    public record Step(Incident open, Incident ended, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    /** One evaluation of the alert for the device, {@code current} its open incident or null. */
    public static Step evaluate(
            String alertId, String deviceId, Incident current, Evaluator.Outcome outcome, Instant now) {
        if (outcome.skipped()) {
            return new Step(current, null, List.of());
        }
        List<Action> passThrough = outcome.passThrough() ? List.of(new Action.RunPassThrough()) : List.of();
        Incident.Level level = outcome.severity() == null ? null : Incident.Level.of(outcome.severity());
        if (level == null) {
            if (current == null) {
                return new Step(null, null, passThrough);
            }
            return new Step(
                    null,
                    current,
                    concat(
                            passThrough,
                            new Action.CancelChain(),
                            new Action.Log(Event.CLEARED, current.severity()),
                            new Action.RunRecover()));
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
                    alertId, deviceId, level, Incident.State.ACTIVE, current.startTime(), now, current.count() + 1);
            return new Step(
                    raised,
                    null,
                    concat(
                            passThrough,
                            new Action.CancelChain(),
                            new Action.Log(Event.RAISED, level),
                            new Action.StartChain(level.condition())));
        }
        return new Step(current.matched(now), null, passThrough);
    }

    /**
     * {@code DELETE .../incident}: ends the open incident without {@code recover}; the next match
     * opens a new one. Without an open incident nothing happens.
     */
    public static Step acknowledge(Incident current) {
        if (current == null) {
            return new Step(null, null, List.of());
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
                null, acked, List.of(new Action.CancelChain(), new Action.Log(Event.ACKNOWLEDGED, current.severity())));
    }

    private static List<Action> concat(List<Action> first, Action... more) {
        var out = new java.util.ArrayList<Action>(first);
        out.addAll(List.of(more));
        return out;
    }
}
