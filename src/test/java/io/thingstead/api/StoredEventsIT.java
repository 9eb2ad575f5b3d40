package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every stored write goes through the one stream of stored events (README: How a data point
 * travels): an MQTT write pushes as a REST write does, memory follows only a successful commit,
 * and deletes keep their turn behind the writes queued before them.
 */
class StoredEventsIT {
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.withFailingStore(c -> c);
        admin = server.admin();
        Fixtures.profile(
                admin,
                "/v3",
                "EvThermostat",
                "ConnectedDevice",
                "{'name':'setpoint','type':'number','access':'public','publish':'always'}");
        Fixtures.profile(admin, "/v3", "EvHub", "Gateway");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void storeWorksAgain() {
        server.store().release();
        server.store().failing(false);
    }

    @Test
    void aGatewaysMqttWrite_forAnEdge_isPushedToTheEdgesOwnSession_notBackToTheGateway() throws Exception {
        Dev gw = MqttItSupport.device(admin, "EvHub");
        Dev edge = MqttItSupport.device(admin, "EvThermostat");
        MqttItSupport.listEdges(admin, gw, edge);
        Mqtt3BlockingClient edgeClient = MqttItSupport.connect3(server, edge);
        Mqtt3BlockingClient gwClient = MqttItSupport.connect3(server, gw);
        String in = "connio/data/in/devices/" + edge.id() + "/#";
        try (var toEdge = edgeClient.publishes(MqttGlobalPublishFilter.ALL);
                var toGateway = gwClient.publishes(MqttGlobalPublishFilter.ALL)) {
            edgeClient
                    .subscribeWith()
                    .topicFilter(in)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            gwClient.subscribeWith().topicFilter(in).qos(MqttQos.AT_LEAST_ONCE).send();

            gwClient.publishWith()
                    .topic("connio/data/out/devices/" + edge.id() + "/properties/setpoint")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("21".getBytes(StandardCharsets.UTF_8))
                    .send();

            Optional<Mqtt3Publish> got = toEdge.receive(5, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(got.get().getTopic().toString())
                    .isEqualTo("connio/data/in/devices/" + edge.id() + "/properties/setpoint");
            assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("21");
            assertThat(toGateway.receive(300, TimeUnit.MILLISECONDS)).isEmpty();

            // The edge's own write is pushed to nobody: not back to itself, not to its gateway.
            edgeClient
                    .publishWith()
                    .topic("connio/data/out/devices/" + edge.id() + "/properties/setpoint")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("22".getBytes(StandardCharsets.UTF_8))
                    .send();
            assertThat(flat(edge).get("setpoint").asInt()).isEqualTo(22);
            assertThat(toGateway.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            assertThat(toEdge.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "setpoint".equals(flat(edge).path("lastOut").asText()));
        edgeClient.disconnect();
        gwClient.disconnect();
    }

    @Test
    void aFailedCommit_leavesTheLatestValuesAndTheActivityUntouched() {
        Dev d = MqttItSupport.device(admin, "EvThermostat", 60);
        Http device = admin.as(new Http.Key(d.keyId(), d.secret()));
        String path = "/v3/data/devices/_this_/properties/setpoint";
        server.store().failing(true);
        assertThat(device.post(path, Map.of("dps", List.of(Map.of("v", 18)))).status())
                .isEqualTo(503);
        server.store().failing(false);

        JsonNode after = flat(d);
        assertThat(after.has("setpoint")).isFalse();
        assertThat(after.get("active").asText()).isEqualTo("unknown");
        // The failed write claimed nothing for good: the next one makes the device active.
        assertThat(device.post(path, Map.of("dps", List.of(Map.of("v", 19)))).status())
                .isEqualTo(200);
        assertThat(flat(d).get("setpoint").asInt()).isEqualTo(19);
        assertThat(flat(d).get("active").asText()).isEqualTo("active");
    }

    @Test
    void aPropertyDeleted_whileAWriteOfItIsBeingStored_takesThatWritesDataToo() throws Exception {
        Fixtures.property(admin, "/v3", "EvThermostat", Map.of("name", "doomed", "type", "number", "access", "public"));
        String property = "/v3/deviceprofiles/EvThermostat/properties/doomed";
        String propertyId = admin.get(property).text("id");
        Dev d = MqttItSupport.device(admin, "EvThermostat");
        deleteWhileAWriteIsStored(d, "doomed", property);
        assertThat(server.store().loadLatest()).noneMatch(p -> p.propertyId().equals(propertyId));
        assertThat(server.store().history(d.id(), propertyId, 0, Long.MAX_VALUE, 10, false))
                .isEmpty();
    }

    @Test
    void aDeviceDeleted_whileAWriteOfItIsBeingStored_takesThatWritesDataToo() throws Exception {
        Dev d = MqttItSupport.device(admin, "EvThermostat");
        String propertyId =
                admin.get("/v3/deviceprofiles/EvThermostat/properties/setpoint").text("id");
        deleteWhileAWriteIsStored(d, "setpoint", "/v3/devices/" + d.id());
        assertThat(server.store().loadLatest()).noneMatch(p -> p.deviceId().equals(d.id()));
        assertThat(server.store().history(d.id(), propertyId, 0, Long.MAX_VALUE, 10, false))
                .isEmpty();
    }

    /**
     * Writes {@code property} of the device and, while the store holds that write, deletes {@code
     * entity} (its DELETE, once it is gone from the API, is queued behind the write); then lets the
     * store go on. Both succeed.
     */
    private static void deleteWhileAWriteIsStored(Dev d, String property, String entity) throws Exception {
        server.store().hold();
        CompletableFuture<Http.Resp> write = CompletableFuture.supplyAsync(() -> admin.post(
                "/v3/data/devices/" + d.id() + "/properties/" + property, Map.of("dps", List.of(Map.of("v", 1)))));
        assertThat(server.store().awaitHeldWrite()).isTrue();
        CompletableFuture<Http.Resp> delete = CompletableFuture.supplyAsync(() -> admin.delete(entity));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.get(entity).status() == 404);
        server.store().release();
        assertThat(write.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(delete.get(10, TimeUnit.SECONDS).status()).isIn(200, 204);
    }

    private static JsonNode flat(Dev d) {
        return admin.get("/v3/data/devices/" + d.id()).body();
    }
}
