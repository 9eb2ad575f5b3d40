package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitCount;
import static io.thingstead.api.AlertIncidentsItSupport.awaitIncidents;
import static io.thingstead.api.AlertIncidentsItSupport.chainAlert;
import static io.thingstead.api.AlertIncidentsItSupport.count;
import static io.thingstead.api.AlertIncidentsItSupport.incidents;
import static io.thingstead.api.DataReadSupport.feed;
import static io.thingstead.api.DataReadSupport.point;
import static io.thingstead.api.DataReadSupport.write;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.asDevice;
import static io.thingstead.testing.Fixtures.deviceId;
import static io.thingstead.testing.Fixtures.newProfile;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Handler timers through the real server on the injected clock (docs/alerts.md: Handlers): a
 * test moves the clock and runs the server's timer check itself, so no test waits for real time.
 */
class AlertTimersIT extends ActivityItBase {
    private static String chainedDevice() {
        String p = newProfile(admin, "/v3", sensor);
        body(admin.post("/v3/deviceprofiles/" + p + "/alerts", chainAlert(unique("chain"))));
        return deviceId(admin, p, 0);
    }

    private static void temperature(String id, double value) {
        write(asDevice(admin, id), devicePath(id), point(value), 1, 0);
    }

    /**
     * Runs the timers due at the clock's time now, then writes a point no alert watches: the writer
     * stores a device's writes in order, so what the timers logged is stored before the test reads.
     */
    private static void checkTimers(String id) {
        server.checkAlertTimers();
        write(asDevice(admin, id), "/v3/data/devices/" + id + "/properties/humidity", point(1), 1, 0);
    }

    private static String alertOf(String id) {
        return incidents(admin, id).get(0).get("alertId").asText();
    }

    @Test
    void timeout_runsTheNextHandlerWhenDue_once_thenTheChainEnds() {
        String id = chainedDevice();
        temperature(id, 50);
        awaitCount(admin, id, "w-one 50.0", 1);

        advance(59_000);
        checkTimers(id);
        assertThat(count(admin, id, "w-two")).isZero();

        advance(1_000);
        checkTimers(id);
        assertThat(count(admin, id, "w-two 50.0")).isEqualTo(1);

        advance(600_000);
        checkTimers(id);
        assertThat(count(admin, id, "w-two")).isEqualTo(1);
        assertThat(count(admin, id, "w-one")).isEqualTo(1);
    }

    @Test
    void clear_cancelsThePendingHandler() {
        String id = chainedDevice();
        temperature(id, 50);
        awaitCount(admin, id, "w-one", 1);
        temperature(id, 10);
        awaitCount(admin, id, "back", 1);

        advance(120_000);
        checkTimers(id);
        assertThat(count(admin, id, "w-two")).isZero();
    }

    @Test
    void acknowledge_cancelsThePendingHandler() {
        String id = chainedDevice();
        temperature(id, 50);
        awaitCount(admin, id, "w-one", 1);
        body(admin.delete("/v3/devices/" + id + "/alerts/" + alertOf(id) + "/incident"));

        advance(120_000);
        checkTimers(id);
        assertThat(count(admin, id, "w-two")).isZero();
        assertThat(count(admin, id, "back")).isZero();
    }

    @Test
    void rise_cancelsTheWarningChain_andStartsTheCriticalOne_whichLoops() {
        String id = chainedDevice();
        temperature(id, 50);
        awaitCount(admin, id, "w-one", 1);
        advance(30_000);
        temperature(id, 70);
        awaitCount(admin, id, "c-one", 1);

        advance(60_000);
        checkTimers(id);
        assertThat(count(admin, id, "w-two")).isZero();
        assertThat(count(admin, id, "c-two")).isZero();

        advance(60_000);
        checkTimers(id);
        assertThat(count(admin, id, "c-two")).isEqualTo(1);
        advance(120_000);
        checkTimers(id);
        assertThat(count(admin, id, "c-one")).isEqualTo(2);
        assertThat(count(admin, id, "w-two")).isZero();
    }

    @Test
    void pendingTimer_survivesARestart_andOneThatFellDueWhileDownRunsOnce() {
        String id = chainedDevice();
        temperature(id, 70);
        awaitCount(admin, id, "c-one", 1);

        server.restart(() -> advance(Duration.ofMinutes(30).toMillis()));
        admin = server.admin();

        assertThat(incidents(admin, id))
                .singleElement()
                .satisfies(i -> assertThat(i.get("severity").asText()).isEqualTo("crit"));
        checkTimers(id);
        checkTimers(id);
        assertThat(count(admin, id, "c-two")).isEqualTo(1);
        assertThat(count(admin, id, "c-one")).isEqualTo(1);

        advance(120_000);
        checkTimers(id);
        assertThat(count(admin, id, "c-one")).isEqualTo(2);
        assertThat(count(admin, id, "c-two")).isEqualTo(1);
    }

    @Test
    void backfilledPoint_olderThanTheLatest_isNotEvaluated() {
        String id = chainedDevice();
        temperature(id, 70);
        awaitIncidents(admin, id, l -> l.size() == 1);

        write(
                asDevice(admin, id),
                devicePath(id),
                feed(List.of(clock.instant().minusSeconds(3600)), List.of(10)),
                1,
                0);
        checkTimers(id);
        assertThat(incidents(admin, id))
                .singleElement()
                .satisfies(i -> assertThat(i.get("count").asLong()).isEqualTo(1));
        assertThat(count(admin, id, "back")).isZero();

        advance(1_000);
        temperature(id, 10);
        awaitIncidents(admin, id, List::isEmpty);
    }
}
