package io.thingstead.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.core.Ids;
import io.thingstead.devices.Device;
import io.thingstead.testing.Entities;
import io.thingstead.testing.MutableClock;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlersTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    private final List<LogEntry> written = new ArrayList<>();
    private final List<Outgoing> sent = new ArrayList<>();
    private final Handlers handlers = new Handlers(written::addAll, new Ids(clock), clock, sent::add);
    private final Device device = Entities.device("_dev_7", "_acc_1", "boiler", Map.of());
    private final Handlers.Context context = new Handlers.Context(
            Entities.property("_prp_1", "_acc_1", "_dpf_1", "temperature"),
            new Evaluator.Sample(AlertFixture.json("71"), AlertFixture.json("40"), clock.instant()),
            3);

    private static Alert chained() {
        Condition warning = new Condition(
                Condition.Severity.WARNING,
                new Condition.Expression(Condition.Operation.GT, AlertFixture.json("45")),
                List.of(
                        new Handler("H1", "note", "H2", null),
                        new Handler("H2", "mail", "H3", "1 minute"),
                        new Handler("H3", "note", null, null)));
        Alert a = AlertFixture.alert("value", warning);
        return new Alert(
                a.id(),
                a.accountId(),
                a.ownerId(),
                a.name(),
                null,
                null,
                List.of(),
                a.triggerId(),
                null,
                a.status(),
                a.metric(),
                a.conditions(),
                null,
                List.of(
                        new Notification.Log(
                                "note", LogLevel.WARNING, "${device.name} ${property.name} ${value} was ${last_value}"),
                        new Notification.Email("mail", "ops@example.com", "hot", "hot")),
                false,
                a.dateCreated(),
                a.dateModified());
    }

    /** The step of a first warning match: the incident opens. */
    private Incidents.Step openAtWarning() {
        return Incidents.evaluate(
                "_ale_1",
                device.id(),
                null,
                new Evaluator.Outcome(AlertFixture.json("71"), Condition.Severity.WARNING, false, false),
                clock.instant());
    }

    @Test
    void openedIncident_logsTheEvent_runsTheChainUntilATimeout_andHandsOtherActionsToTheNotifier() {
        Incidents.Step step = openAtWarning();

        handlers.run(chained(), device, context, step);

        assertThat(written)
                .extracting(LogEntry::message)
                .containsExactly(
                        "Alert temperature.alert (_ale_1): incident opened at warn", "boiler temperature 71 was 40");
        assertThat(written).extracting(LogEntry::level).containsExactly(LogLevel.WARNING, LogLevel.WARNING);
        assertThat(written)
                .allMatch(e -> e.deviceId().equals("_dev_7") && e.type().equals("Alert"));
        assertThat(sent).singleElement().satisfies(o -> {
            assertThat(o.notification().name()).isEqualTo("mail");
            assertThat(o.device()).isEqualTo(device);
            assertThat(o.depth())
                    .as("the raising write's method depth, for a method notification")
                    .isEqualTo(3);
            assertThat(o.variables())
                    .containsEntry("value", "71")
                    .containsEntry("last_value", "40")
                    .containsEntry("device.name", "boiler")
                    .containsEntry("timestamp", "2026-05-01T10:00:00.000Z");
        });
    }

    @Test
    void withoutANotifier_anActionOtherThanLog_isLoggedAsNotSent() {
        List<LogEntry> lines = new ArrayList<>();
        Handlers alone = new Handlers(lines::addAll, new Ids(clock), clock);
        Incidents.Step step = openAtWarning();

        alone.run(chained(), device, context, step);

        assertThat(lines)
                .extracting(LogEntry::message)
                .contains("Alert temperature.alert: notification mail (email) not sent: notifications are not"
                        + " delivered here");
    }

    @Test
    void acknowledgement_logsOnly_withoutRecover() {
        Incident open = new Incident(
                "_ale_1", device.id(), Incident.Level.CRIT, Incident.State.ACTIVE, clock.instant(), clock.instant(), 2);

        handlers.run(chained(), device, null, Incidents.acknowledge(open));

        assertThat(written)
                .extracting(LogEntry::message)
                .containsExactly("Alert temperature.alert (_ale_1): incident acknowledged at crit");
    }
}
