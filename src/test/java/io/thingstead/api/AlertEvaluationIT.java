package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitIncidents;
import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.AlertIncidentsItSupport.hotAlert;
import static io.thingstead.api.AlertIncidentsItSupport.incidents;
import static io.thingstead.api.AlertIncidentsItSupport.log;
import static io.thingstead.api.AlertIncidentsItSupport.passThroughAlert;
import static io.thingstead.api.DataReadSupport.point;
import static io.thingstead.api.DataReadSupport.write;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.asDevice;
import static io.thingstead.testing.Fixtures.deviceId;
import static io.thingstead.testing.Fixtures.newProfile;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Alerts evaluated on stored writes through the real server (docs/alerts.md: Evaluation,
 * Incidents): inheritance through profiles, the incident state machine, log notifications.
 */
class AlertEvaluationIT extends ActivityItBase {

    /** A device of a profile two levels below {@code sensor}, whose alert is {@link #hotAlert}. */
    private static String deviceUnderHotAlert() {
        String mid = newProfile(admin, "/v3", sensor);
        String leaf = newProfile(admin, "/v3", mid);
        String name = unique("hot");
        body(admin.post("/v3/deviceprofiles/" + mid + "/alerts", hotAlert(name)));
        return deviceId(admin, leaf, 0);
    }

    /** Writes 50 to the device, waits for the warning incident; its alert's id. */
    private static String openWarning(String deviceId) {
        temperature(deviceId, 50);
        return awaitIncidents(admin, deviceId, l -> l.size() == 1)
                .get(0)
                .get("alertId")
                .asText();
    }

    private static void temperature(String deviceId, double value) {
        write(asDevice(admin, deviceId), devicePath(deviceId), point(value), 1, 0);
    }

    @Test
    void profileAlert_onAnInheritedProperty_opensAnIncidentForADeviceTwoLevelsDown() {
        String id = deviceUnderHotAlert();
        temperature(id, 20);
        temperature(id, 50);

        JsonNode incident = awaitIncidents(admin, id, l -> l.size() == 1).get(0);
        assertThat(incident.get("severity").asText()).isEqualTo("warn");
        assertThat(incident.get("status").asText()).isEqualTo("active");
        assertThat(incident.get("deviceId").asText()).isEqualTo(id);
        assertThat(incident.get("count").asLong()).isEqualTo(1);
        List<String> log = awaitLog(admin, id, "warm ");
        String name = body(admin.get("/v3/devices/" + id)).get("name").asText();
        assertThat(log).contains("warm " + name + " 50.0 was 20.0");
        assertThat(log).anyMatch(m -> m.contains("incident opened at warn"));
    }

    @Test
    void severity_risesButNeverFalls_whileOpen_andNoMatchClearsAndRecovers() {
        String id = deviceUnderHotAlert();
        temperature(id, 50);
        awaitIncidents(admin, id, l -> l.size() == 1);
        temperature(id, 70);
        awaitIncidents(admin, id, l -> l.get(0).get("severity").asText().equals("crit"));
        temperature(id, 50);
        JsonNode still = awaitIncidents(admin, id, l -> l.get(0).get("count").asLong() == 3)
                .get(0);
        assertThat(still.get("severity").asText()).isEqualTo("crit");
        assertThat(log(admin, id)).anyMatch(m -> m.contains("raised to crit")).contains("hot temperature 70.0");

        temperature(id, 10);
        awaitIncidents(admin, id, List::isEmpty);
        List<String> log = awaitLog(admin, id, "back to normal");
        assertThat(log).anyMatch(m -> m.contains("cleared at crit"));
    }

    @Test
    void notificationCondition_runsOnEveryMatch_andNeverOpensAnIncident() {
        String p = newProfile(admin, "/v3", sensor);
        body(admin.post("/v3/deviceprofiles/" + p + "/alerts", passThroughAlert(unique("fwd"))));
        String id = deviceId(admin, p, 0);
        temperature(id, 5);
        temperature(id, 6);
        awaitLog(admin, id, "forwarded 6.0");
        assertThat(log(admin, id)).contains("forwarded 5.0", "forwarded 6.0");
        assertThat(incidents(admin, id)).isEmpty();
    }

    @Test
    void acknowledge_keepsTheIncidentListedAsAck_silentWhileItMatches_untilItClearsAndRecovers() {
        String id = deviceUnderHotAlert();
        String alertId = openWarning(id);

        assertThat(body(admin.delete("/v3/devices/" + id + "/alerts/" + alertId + "/incident"))
                        .get("nrOfItems")
                        .asInt())
                .isEqualTo(1);
        assertThat(incidents(admin, id))
                .singleElement()
                .satisfies(i -> assertThat(i.get("status").asText()).isEqualTo("ack"));
        assertThat(body(admin.get("/v3/incidents?status=ack&pageSize=1000")).get("results"))
                .anyMatch(i -> i.get("deviceId").asText().equals(id));
        assertThat(body(admin.get("/v3/data/devices/" + id + "/state")).get("alerts"))
                .isEmpty();
        awaitLog(admin, id, "acknowledged at warn");
        assertThat(body(admin.delete("/v3/devices/" + id + "/alerts/" + alertId + "/incident"))
                        .get("nrOfItems")
                        .asInt())
                .isEqualTo(0);

        temperature(id, 55);
        JsonNode acked = awaitIncidents(admin, id, l -> l.get(0).get("count").asLong() == 2)
                .get(0);
        assertThat(acked.get("status").asText()).isEqualTo("ack");
        assertThat(log(admin, id)).filteredOn(m -> m.startsWith("warm ")).hasSize(1);

        temperature(id, 10);
        awaitIncidents(admin, id, List::isEmpty);
        awaitLog(admin, id, "back to normal");
    }

    @Test
    void stateObject_listsTheAlertsWithAnOpenIncident() {
        String id = deviceUnderHotAlert();
        temperature(id, 50);
        JsonNode incident = awaitIncidents(admin, id, l -> l.size() == 1).get(0);
        temperature(id, 52);
        awaitIncidents(admin, id, l -> l.get(0).get("count").asLong() == 2);

        JsonNode alerts = body(admin.get("/v3/data/devices/" + id + "/state")).get("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("id").asText())
                .isEqualTo(incident.get("alertId").asText());
        assertThat(alerts.get(0).get("incident").get("severity").asText()).isEqualTo("warn");
        assertThat(alerts.get(0).get("incident").get("startTime").asText())
                .isEqualTo(incident.get("startTime").asText());
        assertThat(alerts.get(0).get("count").asLong()).isEqualTo(2);
        assertThat(alerts.get(0).get("lastTriggered").asText()).isNotBlank();
    }

    @Test
    void accountIncidents_filterBySeverity() {
        String id = deviceUnderHotAlert();
        temperature(id, 70);
        awaitIncidents(admin, id, l -> l.size() == 1);
        assertThat(body(admin.get("/v3/incidents?severity=crit&pageSize=1000")).get("results"))
                .anyMatch(i -> i.get("deviceId").asText().equals(id));
        assertThat(body(admin.get("/v3/incidents?severity=warn&pageSize=1000")).get("results"))
                .noneMatch(i -> i.get("deviceId").asText().equals(id));
        ApiAssert.errorMessage(admin.get("/v3/incidents?severity=bad"), 400, "ValidationFailed");
    }

    @Test
    void deletingTheAlert_endsItsIncidents() {
        String id = deviceUnderHotAlert();
        String alertId = openWarning(id);
        body(admin.delete("/v3/alerts/" + alertId));
        assertThat(incidents(admin, id)).isEmpty();
        assertThat(body(admin.get("/v3/data/devices/" + id + "/state")).get("alerts"))
                .isEmpty();
    }
}
