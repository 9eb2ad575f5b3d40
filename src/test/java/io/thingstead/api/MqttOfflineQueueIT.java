package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.mqtt.Delivery;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline queue (README: MQTT): a persistent session (clean session 0) subscribed at QoS 1
 * gets the pushes made while it was offline when it connects again, in order and before newer
 * ones; a queue holds 3 pushes per device here. Absence is shown with a marker: a value written
 * after the reconnect must be the first one received.
 */
class MqttOfflineQueueIT {
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.configured(
                InstantSource.system(),
                c -> c.withMqttDelivery(Delivery.DEFAULT.withQueue(3, 64 * 1024, Duration.ofDays(1))));
        admin = server.admin();
        Fixtures.profile(
                admin,
                "/v3",
                "Thermostat",
                "ConnectedDevice",
                "{'name':'setPoint','type':'number','access':'public','publish':'always'}");
        Fixtures.profile(admin, "/v3", "QueueHub", "Gateway");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A session of {@code d} (persistent unless {@code clean}); what it receives lands in the queue. */
    static Mqtt3AsyncClient connect(Dev d, boolean clean, BlockingQueue<Mqtt3Publish> received) {
        return MqttItSupport.connectAsync3(server, d, clean, received::add);
    }

    /** A session that subscribed to the pushes of {@code of} at {@code qos}, then went offline. */
    static void subscribedThenOffline(Dev d, Dev of, boolean clean, MqttQos qos) {
        Mqtt3AsyncClient c = connect(d, clean, new LinkedBlockingQueue<>());
        c.subscribeWith()
                .topicFilter("connio/data/in/devices/" + of.id() + "/#")
                .qos(qos)
                .send()
                .join();
        c.disconnect().join();
    }

    static void write(Dev d, int v) {
        var r = admin.post(
                "/v3/data/devices/" + d.id() + "/properties/setPoint", Map.of("dps", List.of(Map.of("v", v))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    static String next(BlockingQueue<Mqtt3Publish> received) throws InterruptedException {
        Mqtt3Publish p = received.poll(5, TimeUnit.SECONDS);
        assertThat(p).as("a push within 5 s").isNotNull();
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    static String log(Dev d) {
        return MqttItSupport.log(admin, d.id());
    }

    /** Connecting again ({@code clean} or not), the device's first push is one written after it. */
    static void assertNothingQueued(Dev d, boolean clean) throws InterruptedException {
        BlockingQueue<Mqtt3Publish> received = new LinkedBlockingQueue<>();
        Mqtt3AsyncClient c = connect(d, clean, received);
        if (clean) {
            c.subscribeWith()
                    .topicFilter("connio/data/in/devices/" + d.id() + "/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .join();
        }
        write(d, 9);
        assertThat(next(received)).isEqualTo("9");
        c.disconnect().join();
    }

    static JsonNode flat(Dev d) {
        return admin.get("/v3/data/devices/" + d.id()).body();
    }

    static Dev thermostat() {
        return MqttItSupport.device(admin, "Thermostat");
    }

    @Test
    void pushesMadeOffline_arriveInOrderOnReconnect_beforeANewerOne_andLastOutFollowsThePuback() throws Exception {
        Dev d = thermostat();
        subscribedThenOffline(d, d, false, MqttQos.AT_LEAST_ONCE);
        write(d, 1);
        write(d, 2);
        assertThat(flat(d).has("lastOut")).isFalse();

        BlockingQueue<Mqtt3Publish> received = new LinkedBlockingQueue<>();
        Mqtt3AsyncClient c = connect(d, false, received);
        write(d, 3);

        assertThat(List.of(next(received), next(received), next(received))).containsExactly("1", "2", "3");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "setPoint".equals(flat(d).path("lastOut").asText()));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log(d).contains("Sent 2 pushes queued while session " + d.id() + " was offline"));
        c.disconnect().join();
    }

    @Test
    void aFullQueue_dropsTheOldest_andTheDeviceLogSaysSo() throws Exception {
        Dev d = thermostat();
        subscribedThenOffline(d, d, false, MqttQos.AT_LEAST_ONCE);
        for (int v = 1; v <= 5; v++) {
            write(d, v);
        }
        BlockingQueue<Mqtt3Publish> received = new LinkedBlockingQueue<>();
        Mqtt3AsyncClient c = connect(d, false, received);

        assertThat(List.of(next(received), next(received), next(received))).containsExactly("3", "4", "5");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log(d).contains("is full (3 messages or 65536 bytes)")
                        && log(d).contains("2 older ones were dropped"));
        c.disconnect().join();
    }

    @Test
    void aCleanSession_getsNothingQueued() throws Exception {
        Dev d = thermostat();
        subscribedThenOffline(d, d, true, MqttQos.AT_LEAST_ONCE);
        write(d, 1);
        assertNothingQueued(d, true);
    }

    @Test
    void aQos0Subscription_getsNothingQueued() throws Exception {
        Dev d = thermostat();
        subscribedThenOffline(d, d, false, MqttQos.AT_MOST_ONCE);
        write(d, 1);
        assertNothingQueued(d, false);
    }

    @Test
    void reconnectingClean_dropsTheQueue_andSaysSo() throws Exception {
        Dev d = thermostat();
        subscribedThenOffline(d, d, false, MqttQos.AT_LEAST_ONCE);
        write(d, 1);

        Mqtt3AsyncClient c = connect(d, true, new LinkedBlockingQueue<>());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log(d).contains("1 pushes queued for an offline session were dropped: the session"
                        + " reconnected clean"));
        c.disconnect().join();
    }

    @Test
    void disablingTheDevice_dropsItsQueue() throws Exception {
        Dev d = thermostat();
        subscribedThenOffline(d, d, false, MqttQos.AT_LEAST_ONCE);
        write(d, 1);
        admin.put("/v3/devices/" + d.id(), Map.of("status", "disabled"));
        admin.put("/v3/devices/" + d.id(), Map.of("status", "enabled"));
        assertNothingQueued(d, false);
    }

    @Test
    void aGatewaysPersistentSession_queuesItsEdgesPushes() throws Exception {
        Dev gw = MqttItSupport.device(admin, "QueueHub");
        Dev edge = thermostat();
        MqttItSupport.listEdges(admin, gw, edge);
        subscribedThenOffline(gw, edge, false, MqttQos.AT_LEAST_ONCE);
        write(edge, 4);

        BlockingQueue<Mqtt3Publish> received = new LinkedBlockingQueue<>();
        Mqtt3AsyncClient c = connect(gw, false, received);
        Mqtt3Publish p = received.poll(5, TimeUnit.SECONDS);
        assertThat(p).isNotNull();
        assertThat(p.getTopic().toString()).isEqualTo("connio/data/in/devices/" + edge.id() + "/properties/setpoint");
        assertThat(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("4");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "setPoint".equals(flat(edge).path("lastOut").asText()));
        c.disconnect().join();
    }
}
