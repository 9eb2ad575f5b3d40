package io.thingstead.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Handler H1 = new Handler("H1", "logme", "H2", "1 minute");
    private static final Handler H2 = new Handler("H2", "emailme", "H1", "1 minute");
    private static final Handler H3 = new Handler("H3", "logme", null, null);

    private static Condition condition(Condition.Severity severity, Handler... handlers) {
        return new Condition(severity, new Condition.Expression(null, null), List.of(handlers));
    }

    @Test
    void aChain_startsAtTheFirstHandler_now() {
        assertThat(Chains.start(condition(Condition.Severity.WARNING, H1, H2), T0))
                .isEqualTo(new Chains.Due(H1, T0));
    }

    @Test
    void next_isDueTheTimeoutAfterTheHandlerRan_andLoopsAsWritten() {
        Condition c = condition(Condition.Severity.WARNING, H1, H2);
        assertThat(Chains.after(c, H1, T0)).isEqualTo(new Chains.Due(H2, T0.plusSeconds(60)));
        assertThat(Chains.after(c, H2, T0.plusSeconds(60))).isEqualTo(new Chains.Due(H1, T0.plusSeconds(120)));
    }

    @Test
    void withoutTimeout_nextIsDueAtOnce_andWithoutNext_theChainEnds() {
        Handler first = new Handler("A", "logme", "B", null);
        Condition c = condition(Condition.Severity.CRITICAL, first, H3);
        assertThat(Chains.after(c, first, T0)).isNull();
        Handler toH3 = new Handler("A", "logme", "H3", null);
        Condition c2 = condition(Condition.Severity.CRITICAL, toH3, H3);
        assertThat(Chains.after(c2, toH3, T0)).isEqualTo(new Chains.Due(H3, T0));
        assertThat(Chains.after(c2, H3, T0)).isNull();
    }

    @Test
    void passThrough_runsTheChainAtOnce_eachHandlerOnce_evenWhenItLoops() {
        assertThat(Chains.passThrough(condition(Condition.Severity.NOTIFICATION, H1, H2, H3)))
                .containsExactly(H1, H2);
    }

    @Test
    void plan_runsUntilTheFirstTimeout_andKeepsTheNextAsPending() {
        Handler h0 = new Handler("H0", "logme", "H1", null);
        Condition c = condition(Condition.Severity.WARNING, h0, H1, H2);
        Chains.Plan plan = Chains.plan(c, h0, T0);
        assertThat(plan.run()).containsExactly(h0, H1);
        assertThat(plan.pending()).isEqualTo(new Incident.Pending("H2", T0.plusSeconds(60)));
    }

    @Test
    void plan_ofALateTimer_runsOnce_andCountsTheNextTimeoutFromNow() {
        Condition c = condition(Condition.Severity.WARNING, H1, H2);
        Instant late = T0.plusSeconds(3600);
        Chains.Plan plan = Chains.plan(c, H2, late);
        assertThat(plan.run()).containsExactly(H2);
        assertThat(plan.pending()).isEqualTo(new Incident.Pending("H1", late.plusSeconds(60)));
    }

    @Test
    void plan_withoutNext_endsTheChain() {
        assertThat(Chains.plan(condition(Condition.Severity.WARNING, H3), H3, T0)
                        .pending())
                .isNull();
    }
}
