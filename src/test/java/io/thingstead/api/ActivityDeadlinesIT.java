package io.thingstead.api;

import static io.thingstead.api.DataReadSupport.iso;
import static io.thingstead.api.DataReadSupport.point;
import static io.thingstead.api.DataReadSupport.times;
import static io.thingstead.api.DataReadSupport.values;
import static io.thingstead.api.DataReadSupport.write;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.asDevice;
import static io.thingstead.testing.Fixtures.deviceId;
import static io.thingstead.testing.Fixtures.deviceKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Activity deadlines beyond a device's own writes: gateways writing for edges, period changes, restarts. */
class ActivityDeadlinesIT extends ActivityItBase {
    // ---- gateways ------------------------------------------------------------------------------

    @Test
    void gatewayWritingForItsEdge_makesTheEdgeAndTheGatewayActive_andSetsTheirConnectionInfo() {
        Pair p = gatewayWithEdge(10, 10);
        advance(1000);
        Instant at = clock.instant();

        write(p.gatewayHttp(), devicePath(p.edge()), point(7.5), 1, 0);

        JsonNode edge = flat(p.edge());
        assertThat(edge.get("active").asText()).isEqualTo("active");
        assertThat(edge.get("temperature").asDouble()).isEqualTo(7.5);
        assertThat(edge.get("lastIn").asText()).isEqualTo("temperature");
        assertThat(edge.get("connectionInfo")).isEqualTo(Http.json("{'ip':'127.0.0.1','endpoint':'rest'}"));
        JsonNode gw = flat(p.gateway());
        assertThat(gw.get("active").asText()).isEqualTo("active");
        assertThat(gw.get("connectionInfo")).isEqualTo(Http.json("{'ip':'127.0.0.1','endpoint':'rest'}"));
        assertThat(times(body(admin.get("/v3/data/devices/" + p.edge() + "/properties/lastIn"))))
                .containsExactly(iso(at));

        advance(10_000);
        assertActiveAfterCheck(p.edge(), "inactive");
        assertActiveAfterCheck(p.gateway(), "inactive");
    }

    @Test
    void gatewayKeepsItselfActive_whileItWritesForItsEdgeWithinItsPeriod() {
        Pair p = gatewayWithEdge(10, 0);
        advance(1000);
        write(p.gatewayHttp(), devicePath(p.edge()), point(1), 1, 0);
        advance(6000);
        write(p.gatewayHttp(), devicePath(p.edge()), point(2), 1, 0);
        advance(6000);

        assertActiveAfterCheck(p.gateway(), "active");
        assertThat(active(p.edge())).isEqualTo("unknown");

        advance(5000);
        assertActiveAfterCheck(p.gateway(), "inactive");
    }

    // ---- period changes --------------------------------------------------------------------------

    @Test
    void shorteningThePeriod_ofAnActiveDevicePastItsNewDeadline_makesItInactiveAtTheNextCheck() {
        String id = deviceId(admin, sensor, 60);
        Http dev = asDevice(admin, id);
        advance(1000);
        write(dev, devicePath(id), point(1), 1, 0);
        advance(5000);
        assertActiveAfterCheck(id, "active");

        body(admin.put("/v3/devices/" + id, Map.of("period", 3)));

        assertActiveAfterCheck(id, "inactive");
    }

    @Test
    void shorteningThePeriod_ofAGatewayActiveOnlyThroughItsEdge_makesItInactiveAtTheNextCheck() {
        Pair p = gatewayWithEdge(60, 0);
        advance(1000);
        write(p.gatewayHttp(), devicePath(p.edge()), point(1), 1, 0);
        advance(5000);
        assertActiveAfterCheck(p.gateway(), "active");

        body(admin.put("/v3/devices/" + p.gateway(), Map.of("period", 3)));

        assertActiveAfterCheck(p.gateway(), "inactive");
    }

    @Test
    void lengtheningThePeriod_ofAnActiveDevice_movesItsDeadlineAtOnce() {
        String id = deviceId(admin, sensor, 5);
        Http dev = asDevice(admin, id);
        advance(1000);
        write(dev, devicePath(id), point(1), 1, 0);
        body(admin.put("/v3/devices/" + id, Map.of("period", 30)));

        advance(10_000);
        assertActiveAfterCheck(id, "active");
        advance(21_000);
        assertActiveAfterCheck(id, "inactive");
    }

    @Test
    void settingPeriodZero_makesTheDeviceUnknownAtOnce_andNoDeadlineFollows() {
        String id = deviceId(admin, sensor, 10);
        Http dev = asDevice(admin, id);
        advance(1000);
        write(dev, devicePath(id), point(1), 1, 0);
        assertThat(active(id)).isEqualTo("active");

        advance(1000);
        body(admin.put("/v3/devices/" + id, Map.of("period", 0)));
        assertThat(active(id)).isEqualTo("unknown");

        advance(60_000);
        assertActiveAfterCheck(id, "unknown");
    }

    @Test
    void settingAPeriodOnAnUnknownDevice_makesItsNextWriteActive() {
        String id = deviceId(admin, sensor, 0);
        Http dev = asDevice(admin, id);
        body(admin.put("/v3/devices/" + id, Map.of("period", 10)));
        advance(1000);

        write(dev, devicePath(id), point(1), 1, 0);

        assertThat(active(id)).isEqualTo("active");
        advance(10_000);
        assertActiveAfterCheck(id, "inactive");
    }

    // ---- restart -------------------------------------------------------------------------------

    @Test
    void restart_keepsValuesAndDeadlines() {
        String id = deviceId(admin, sensor, 10);
        Http.Key devKey = deviceKey(admin, id);
        advance(1000);
        write(admin.as(devKey), devicePath(id), point(33), 1, 0);
        advance(1000);

        server.restart();
        admin = server.admin();

        JsonNode after = flat(id);
        assertThat(after.get("active").asText()).isEqualTo("active");
        assertThat(after.get("temperature").asDouble()).isEqualTo(33.0);
        assertThat(after.get("lastIn").asText()).isEqualTo("temperature");
        advance(5000);
        assertActiveAfterCheck(id, "active");
        advance(4000);
        assertActiveAfterCheck(id, "inactive");
        assertThat(values(activeHistory(id)))
                .extracting(JsonNode::asText)
                .containsExactly("unknown", "active", "inactive");
    }

    @Test
    void restart_keepsTheDeadlineOfAGatewayThatWroteForItsEdge() {
        Pair p = gatewayWithEdge(10, 0);
        advance(1000);
        write(p.gatewayHttp(), devicePath(p.edge()), point(1), 1, 0);
        advance(6000);
        write(p.gatewayHttp(), devicePath(p.edge()), point(2), 1, 0);
        advance(1000);

        server.restart();
        admin = server.admin();

        advance(5000);
        assertActiveAfterCheck(p.gateway(), "active");
        advance(5000);
        assertActiveAfterCheck(p.gateway(), "inactive");
    }
}
