package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitIncidents;
import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.AlertIncidentsItSupport.incidents;
import static io.thingstead.api.AlertIncidentsItSupport.log;
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
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gateway that goes down (docs/alerts.md): the incidents of the devices behind it that its
 * outage explains open held back, and are evaluated again once it recovers; devices that speak
 * for themselves, and devices of a gateway without such an alert, alert as on Connio.
 */
class AlertGatewayIT extends ActivityItBase {
    /** A gateway and its edge devices (period 10 s each); {@code gatewayAlert} the id of its alert on active, or null. */
    record Site(String gateway, List<String> edges, String gatewayAlert) {
        Http gatewayHttp() {
            return asDevice(admin, gateway);
        }

        String edge(int i) {
            return edges.get(i);
        }
    }

    /** A site whose edges' profile alerts when they fall silent, its gateway's too when {@code gatewayAlert}. */
    private static Site site(int edges, boolean gatewayAlert) {
        String gatewayProfile = newProfile(admin, "/v3", hub);
        String edgeProfile = newProfile(admin, "/v3", sensor);
        body(admin.post("/v3/deviceprofiles/" + edgeProfile + "/alerts", silentAlert(unique("edge-silent"))));
        String alertId = gatewayAlert
                ? body(admin.post(
                                "/v3/deviceprofiles/" + gatewayProfile + "/alerts",
                                silentAlert(unique("gateway-silent"))))
                        .get("id")
                        .asText()
                : null;
        String gw = deviceId(admin, gatewayProfile, 10);
        List<String> edgeIds = new ArrayList<>();
        for (int i = 0; i < edges; i++) {
            edgeIds.add(deviceId(admin, edgeProfile, 10));
        }
        Fixtures.gatewayKey(admin, "/v3", gw, edgeIds.toArray(String[]::new));
        return new Site(gw, edgeIds, alertId);
    }

    private static void throughGateway(Site s, String edge) {
        write(s.gatewayHttp(), devicePath(edge), point(20), 1, 0);
    }

    private static void ownKey(String edge) {
        write(asDevice(admin, edge), devicePath(edge), point(20), 1, 0);
    }

    /** Moves the clock past every deadline of the site and stores the {@code inactive} it finds. */
    private static void silence() {
        advance(11_000);
        server.checkActivity();
    }

    private static JsonNode awaitHeld(Site s, String edge) {
        JsonNode incident = awaitIncidents(admin, edge, l -> l.size() == 1).get(0);
        assertThat(incident.get("heldBackBy").get("gatewayId").asText()).isEqualTo(s.gateway());
        assertThat(incident.get("heldBackBy").get("incidentAlertId").asText()).isEqualTo(s.gatewayAlert());
        return incident;
    }

    private static JsonNode awaitPaged(String edge) {
        JsonNode incident = awaitIncidents(
                        admin,
                        edge,
                        l -> l.size() == 1 && l.get(0).get("heldBackBy").isNull())
                .get(0);
        awaitLog(admin, edge, "fell silent");
        return incident;
    }

    private static JsonNode state(String deviceId) {
        return body(admin.get("/v3/data/devices/" + deviceId + "/state"));
    }

    @Test
    void gatewayDown_holdsBackItsDevicesIncidents_throughAckAndRestart_andItsRecoveryReleasesThem() {
        Site s = site(2, true);
        advance(1000);
        throughGateway(s, s.edge(0));
        throughGateway(s, s.edge(1));
        silence();

        awaitIncidents(admin, s.gateway(), l -> l.size() == 1);
        awaitLog(admin, s.gateway(), "fell silent");
        for (String edge : s.edges()) {
            awaitHeld(s, edge);
            assertThat(awaitLog(admin, edge, "held back"))
                    .noneMatch(m -> m.contains("fell silent"))
                    .filteredOn(m -> m.contains("held back"))
                    .hasSize(1);
            assertThat(state(edge).get("reachability").asText()).isEqualTo("unreachable");
            assertThat(state(edge).get("unreachableThrough").asText()).isEqualTo(s.gateway());
        }
        body(admin.delete("/v3/devices/" + s.gateway() + "/alerts/" + s.gatewayAlert() + "/incident"));

        server.restart();
        admin = server.admin();
        s.edges().forEach(edge -> awaitHeld(s, edge));

        advance(1000);
        throughGateway(s, s.edge(0));
        awaitIncidents(admin, s.gateway(), List::isEmpty);
        awaitIncidents(admin, s.edge(0), List::isEmpty);
        awaitPaged(s.edge(1));
        assertThat(log(admin, s.edge(0))).noneMatch(m -> m.contains("fell silent"));
        assertThat(state(s.edge(1)).get("reachability").isNull()).isTrue();
        assertThat(state(s.edge(0)).get("unreachableThrough").isNull()).isTrue();
    }

    @Test
    void deviceWritingWithItsOwnKey_isNeverHeldBack() {
        Site s = site(2, true);
        advance(1000);
        throughGateway(s, s.edge(0));
        throughGateway(s, s.edge(1));
        ownKey(s.edge(1));
        silence();

        awaitIncidents(admin, s.gateway(), l -> l.size() == 1);
        awaitHeld(s, s.edge(0));
        awaitPaged(s.edge(1));
        assertThat(state(s.edge(1)).get("reachability").isNull()).isTrue();
    }

    @Test
    void gatewayWithoutAnAlertOnActive_changesNothing() {
        Site s = site(1, false);
        advance(1000);
        throughGateway(s, s.edge(0));
        silence();

        awaitPaged(s.edge(0));
        assertThat(incidents(admin, s.gateway())).isEmpty();
    }
}
