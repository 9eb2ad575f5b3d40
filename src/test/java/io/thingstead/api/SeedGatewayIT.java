package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static io.thingstead.api.DataItSupport.flat;
import static io.thingstead.api.DataItSupport.history;
import static io.thingstead.testing.Fixtures.property;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.MutableClock;
import io.thingstead.testing.TestServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connio's gateway story (docs/connio.md: Gateways), verbatim: a profile inheriting {@code Gateway}, edge devices
 * behind it, the gateway key's context set with {@code PUT /v3/devices/{gw}/apikey}, and the
 * gateway writing the guide's exact feed for an edge device with its own key.
 */
class SeedGatewayIT {
    /** The guide's request body, byte for byte. */
    private static final String SEED_BODY = "{\"dps\":[{\"t\":\"2017-10-12T00:34:34Z\",\"v\":0.23}]}";

    private static final Instant NOW = Instant.parse("2024-03-01T10:00:00.123Z");

    static MutableClock clock;
    static TestServer server;
    static Http admin;
    static String gw;
    static String edge1;
    static String edge2;
    /** Written by one test only: the account-scoped path. */
    static String edge3;

    static String stranger;
    static Http gateway;

    @BeforeAll
    static void start() {
        clock = new MutableClock(NOW);
        server = TestServer.start(clock);
        admin = server.admin();
        String hub = unique("SmartHomeHub");
        Fixtures.profile(admin, "/v3", hub, "Gateway");
        String sensor = unique("TempSensor");
        Fixtures.profile(admin, "/v3", sensor, "ConnectedDevice");
        // Connio's seed feed is timed 2017: the property keeps its points longer than that.
        property(admin, sensor, "{'name':'temperature','type':'number','retention':{'lifetime':'unlimited'}}");
        gw = Fixtures.deviceId(admin, hub, 0);
        edge1 = Fixtures.deviceId(admin, sensor, 600);
        edge2 = Fixtures.deviceId(admin, sensor, 600);
        edge3 = Fixtures.deviceId(admin, sensor, 600);
        stranger = Fixtures.deviceId(admin, sensor, 600);

        JsonNode key = Fixtures.gatewayKey(admin, "/v3", gw, edge1, edge2, edge3);
        assertThat(key.get("context").get("ids")).isEqualTo(Http.JSON.valueToTree(List.of(gw, edge1, edge2, edge3)));
        gateway = Fixtures.asDevice(admin, gw);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void gatewayKey_writesTheSeedFeedForAnEdgeDevice_andTheReceiptCountsOnePoint() {
        Http.Resp r = gateway.post("/v3/data/devices/" + edge1 + "/properties/temperature", SEED_BODY);

        assertReceipt(r, 1, 0);
        assertThat(flat(admin, edge1).get("temperature").doubleValue()).isEqualTo(0.23);
        assertThat(flat(gateway, edge1).get("temperature").doubleValue()).isEqualTo(0.23);
        List<JsonNode> points = history(admin, edge1, "temperature");
        assertThat(points).hasSize(1);
        assertThat(points.get(0).get("t").asText()).isEqualTo("2017-10-12T00:34:34.000Z");
        assertThat(points.get(0).get("v").doubleValue()).isEqualTo(0.23);
    }

    @Test
    void gatewayWrite_setsTheEdgesBuiltins_lastInActiveAndRestConnectionInfo() {
        assertReceipt(gateway.post("/v3/data/devices/" + edge2 + "/properties/temperature", SEED_BODY), 1, 0);

        JsonNode state = flat(admin, edge2);
        assertThat(state.get("lastIn").asText()).isEqualTo("temperature");
        assertThat(state.get("active").asText()).isEqualTo("active");
        JsonNode info = state.get("connectionInfo");
        assertThat(info).as(state.toString()).isNotNull();
        assertThat(info.get("endpoint").asText()).isEqualTo("rest");
        assertThat(info.get("ip").asText()).isEqualTo("127.0.0.1");
        List<JsonNode> lastIn = history(admin, edge2, "lastIn");
        assertThat(lastIn.get(lastIn.size() - 1).get("t").asText()).isEqualTo("2024-03-01T10:00:00.123Z");
    }

    @Test
    void gatewayKey_forADeviceOutsideItsContext_is404_andStoresNothing() {
        Http.Resp r = gateway.post("/v3/data/devices/" + stranger + "/properties/temperature", SEED_BODY);

        ApiAssert.error(r, 404, "ResourceNotFound");
        JsonNode state = flat(admin, stranger);
        assertThat(state.has("temperature")).as(state.toString()).isFalse();
        assertThat(state.has("lastIn")).as(state.toString()).isFalse();
        assertThat(state.has("connectionInfo")).as(state.toString()).isFalse();
        assertThat(history(admin, stranger, "temperature")).isEmpty();
    }

    @Test
    void gatewayKey_cannotReadADeviceOutsideItsContext() {
        ApiAssert.error(gateway.get("/v3/data/devices/" + stranger), 404, "ResourceNotFound");
    }

    @Test
    void gatewayKey_writesThroughTheAccountScopedPath_too_theSameTimeReplacingThePoint() {
        assertReceipt(gateway.post("/v3/data/devices/" + edge3 + "/properties/temperature", SEED_BODY), 1, 0);
        Http.Resp r = gateway.post("/v3/accounts/_this_/data/devices/" + edge3 + "/properties/temperature", SEED_BODY);

        assertReceipt(r, 1, 0, 1);
        assertThat(history(admin, edge3, "temperature"))
                .extracting(p -> p.get("t").asText())
                .containsOnly("2017-10-12T00:34:34.000Z");
    }
}
