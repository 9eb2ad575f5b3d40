package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitIncidents;
import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.AlertIncidentsItSupport.hotAlert;
import static io.thingstead.api.AlertIncidentsItSupport.incidents;
import static io.thingstead.api.AlertItSupport.silentAlert;
import static io.thingstead.api.DataReadSupport.point;
import static io.thingstead.api.DataReadSupport.write;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.asDevice;
import static io.thingstead.testing.Fixtures.deviceId;
import static io.thingstead.testing.Fixtures.newProfile;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's promise: an account's alert on the builtin {@code Device.active} applies to every
 * device of the account, opens an incident when a device falls silent (the activity check on the
 * injected clock) and clears when it writes again; incidents survive a restart.
 */
class AlertActivityIT extends ActivityItBase {
    @BeforeAll
    static void silentAlertOnDevice() {
        body(admin.post("/v3/deviceprofiles/Device/alerts", silentAlert(unique("silent"))));
    }

    @Test
    void activeAlertOnBuiltinDevice_opensWhenTheDeviceFallsSilent_andClearsWhenItWritesAgain() {
        String id = deviceId(admin, sensor, 10);
        Http dev = asDevice(admin, id);
        advance(1000);
        write(dev, devicePath(id), point(1), 1, 0);
        assertThat(incidents(admin, id)).isEmpty();

        advance(11_000);
        assertActiveAfterCheck(id, "inactive");
        JsonNode incident = awaitIncidents(admin, id, l -> l.size() == 1).get(0);
        assertThat(incident.get("severity").asText()).isEqualTo("warn");
        String name = body(admin.get("/v3/devices/" + id)).get("name").asText();
        assertThat(awaitLog(admin, id, "fell silent")).anyMatch(m -> m.startsWith(name + " fell silent at "));

        write(dev, devicePath(id), point(2), 1, 0);
        awaitIncidents(admin, id, List::isEmpty);
        awaitLog(admin, id, "incident cleared at warn");
    }

    @Test
    void openIncident_survivesARestart_withItsSeverityAndCount() {
        String p = newProfile(admin, "/v3", sensor);
        body(admin.post("/v3/deviceprofiles/" + p + "/alerts", hotAlert(unique("hot"))));
        String id = deviceId(admin, p, 0);
        Http dev = asDevice(admin, id);
        write(dev, devicePath(id), point(70), 1, 0);
        JsonNode before = awaitIncidents(admin, id, l -> l.size() == 1).get(0);

        server.restart();
        admin = server.admin();

        assertThat(incidents(admin, id)).containsExactly(before);
        write(asDevice(admin, id), devicePath(id), point(10), 1, 0);
        awaitIncidents(admin, id, List::isEmpty);
        awaitLog(admin, id, "back to normal");
    }
}
