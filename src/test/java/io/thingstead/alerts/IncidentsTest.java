package io.thingstead.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.alerts.Condition.Severity;
import io.thingstead.alerts.Incident.Level;
import io.thingstead.alerts.Incidents.Action;
import io.thingstead.alerts.Incidents.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each transition of the incident state machine (docs/alerts.md: Incidents). */
class IncidentsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(10);

    private static Evaluator.Outcome matched(Severity s) {
        return new Evaluator.Outcome(null, s, false, false);
    }

    private static final Evaluator.Outcome NONE = new Evaluator.Outcome(null, null, false, false);

    private static Incidents.Step step(Incident current, Evaluator.Outcome o, Instant now) {
        return Incidents.evaluate("_ale_1", "_dev_1", current, o, now);
    }

    private static Incident open(Level level) {
        return step(null, matched(level.condition()), T0).open();
    }

    @Test
    void normal_warningMatched_opensWarn_andStartsTheWarningChain() {
        Incidents.Step s = step(null, matched(Severity.WARNING), T0);
        assertThat(s.open()).isEqualTo(new Incident("_ale_1", "_dev_1", Level.WARN, Incident.State.ACTIVE, T0, T0, 1));
        assertThat(s.ended()).isNull();
        assertThat(s.actions())
                .containsExactly(new Action.Log(Event.OPENED, Level.WARN), new Action.StartChain(Severity.WARNING));
    }

    @Test
    void normal_criticalMatched_opensCrit() {
        Incidents.Step s = step(null, matched(Severity.CRITICAL), T0);
        assertThat(s.open().severity()).isEqualTo(Level.CRIT);
        assertThat(s.actions()).contains(new Action.StartChain(Severity.CRITICAL));
    }

    @Test
    void warn_criticalMatched_risesToCrit_cancelsAndStartsTheCriticalChain_keepingItsStart() {
        Incidents.Step s = step(open(Level.WARN), matched(Severity.CRITICAL), T1);
        assertThat(s.open()).isEqualTo(new Incident("_ale_1", "_dev_1", Level.CRIT, Incident.State.ACTIVE, T0, T1, 2));
        assertThat(s.actions())
                .containsExactly(
                        new Action.CancelChain(),
                        new Action.Log(Event.RAISED, Level.CRIT),
                        new Action.StartChain(Severity.CRITICAL));
    }

    @Test
    void crit_warningMatched_staysCrit_andDoesNothing() {
        Incidents.Step s = step(open(Level.CRIT), matched(Severity.WARNING), T1);
        assertThat(s.open().severity()).isEqualTo(Level.CRIT);
        assertThat(s.open().count()).isEqualTo(2);
        assertThat(s.open().lastTriggered()).isEqualTo(T1);
        assertThat(s.actions()).isEmpty();
    }

    @Test
    void active_sameSeverityMatched_countsTheMatch_only() {
        Incidents.Step s = step(open(Level.WARN), matched(Severity.WARNING), T1);
        assertThat(s.open().count()).isEqualTo(2);
        assertThat(s.actions()).isEmpty();
    }

    @Test
    void active_noConditionMatched_clears_cancels_logs_andRunsRecover() {
        Incident warn = open(Level.WARN);
        Incidents.Step s = step(warn, NONE, T1);
        assertThat(s.open()).isNull();
        assertThat(s.ended()).isEqualTo(warn);
        assertThat(s.actions())
                .containsExactly(
                        new Action.CancelChain(), new Action.Log(Event.CLEARED, Level.WARN), new Action.RunRecover());
    }

    @Test
    void normal_noConditionMatched_doesNothing() {
        assertThat(step(null, NONE, T0)).isEqualTo(new Incidents.Step(null, null, java.util.List.of()));
    }

    @Test
    void acknowledge_keepsTheIncidentAsAck_cancelsWithoutRecover_andMatchesStaySilent() {
        Incident warn = open(Level.WARN).withPending(new Incident.Pending("H2", T1));
        Incidents.Step ack = Incidents.acknowledge(warn);
        assertThat(ack.open().state()).isEqualTo(Incident.State.ACK);
        assertThat(ack.open().pending()).isNull();
        assertThat(ack.ended()).isEqualTo(ack.open());
        assertThat(ack.actions())
                .containsExactly(new Action.CancelChain(), new Action.Log(Event.ACKNOWLEDGED, Level.WARN));
        Incidents.Step again = step(ack.open(), matched(Severity.WARNING), T1);
        assertThat(again.open().state()).isEqualTo(Incident.State.ACK);
        assertThat(again.open().count()).isEqualTo(2);
        assertThat(again.actions()).isEmpty();
        assertThat(Incidents.acknowledge(ack.open()).ended()).isNull();
    }

    @Test
    void acknowledged_risingSeverity_isActiveAgain_andStartsTheNewChain() {
        Incidents.Step ack = Incidents.acknowledge(open(Level.WARN));
        Incidents.Step rise = step(ack.open(), matched(Severity.CRITICAL), T1);
        assertThat(rise.open().state()).isEqualTo(Incident.State.ACTIVE);
        assertThat(rise.open().severity()).isEqualTo(Level.CRIT);
        assertThat(rise.actions()).contains(new Action.StartChain(Severity.CRITICAL));
    }

    @Test
    void acknowledged_noConditionMatched_clears_andRunsRecover() {
        Incidents.Step ack = Incidents.acknowledge(open(Level.WARN));
        Incidents.Step clear = step(ack.open(), NONE, T1);
        assertThat(clear.open()).isNull();
        assertThat(clear.actions()).contains(new Action.RunRecover());
    }

    @Test
    void heldBack_opensWithoutChain_risesWithoutChain_andClearsWithoutRecover() {
        Incident.HeldBack by = new Incident.HeldBack("_dev_gw", "_ale_gw");
        Incidents.Step held = Incidents.holdBack(step(null, matched(Severity.WARNING), T0), by);
        assertThat(held.open().heldBackBy()).isEqualTo(by);
        assertThat(held.actions()).singleElement().isInstanceOf(Action.Log.class);
        assertThat(((Action.Log) held.actions().get(0)).event()).isEqualTo(Event.HELD_BACK);
        Incidents.Step rise = step(held.open(), matched(Severity.CRITICAL), T1);
        assertThat(rise.open().heldBackBy()).isEqualTo(by);
        assertThat(rise.actions()).noneMatch(a -> a instanceof Action.StartChain);
        Incidents.Step clear = step(rise.open(), NONE, T1);
        assertThat(clear.open()).isNull();
        assertThat(clear.actions()).noneMatch(a -> a instanceof Action.RunRecover);
    }

    @Test
    void release_stillMatching_startsTheChain_elseClearsQuietly() {
        Incident held = Incidents.holdBack(
                        step(null, matched(Severity.WARNING), T0), new Incident.HeldBack("_dev_gw", "_ale_gw"))
                .open();
        Incidents.Step still = Incidents.release(held, matched(Severity.WARNING));
        assertThat(still.open().heldBackBy()).isNull();
        assertThat(still.actions()).contains(new Action.StartChain(Severity.WARNING));
        Incidents.Step gone = Incidents.release(held, NONE);
        assertThat(gone.open()).isNull();
        assertThat(gone.actions()).singleElement().isInstanceOf(Action.Log.class);
    }

    @Test
    void acknowledge_withoutIncident_doesNothing() {
        assertThat(Incidents.acknowledge(null).actions()).isEmpty();
    }

    @Test
    void notificationMatch_neverOpensAnIncident_andRunsItsHandlersEveryTime() {
        Evaluator.Outcome note = new Evaluator.Outcome(null, null, true, false);
        Incidents.Step s = step(null, note, T0);
        assertThat(s.open()).isNull();
        assertThat(s.actions()).containsExactly(new Action.RunPassThrough());
        Incidents.Step withWarn =
                step(open(Level.WARN), new Evaluator.Outcome(null, Severity.WARNING, true, false), T1);
        assertThat(withWarn.open().severity()).isEqualTo(Level.WARN);
        assertThat(withWarn.actions()).containsExactly(new Action.RunPassThrough());
    }

    @Test
    void skippedEvaluation_changesNothing() {
        Incident warn = open(Level.WARN);
        Incidents.Step s = step(warn, Evaluator.Outcome.SKIPPED, T1);
        assertThat(s.open()).isSameAs(warn);
        assertThat(s.actions()).isEmpty();
    }
}
