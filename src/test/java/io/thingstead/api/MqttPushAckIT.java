package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code lastOut} of a pushed property is written on the receiving session's PUBACK (QoS 1), not
 * when the broker queues the message: the subscribers here acknowledge by hand. Before each check
 * that lastOut is still unset, the client has received the push and a later write is stored (the
 * store applies writes in arrival order), so an early lastOut would already be readable.
 */
class MqttPushAckIT {
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.withMqtt();
        admin = server.admin();
        // Camel case: lastOut names the property, not the lower-cased topic segment.
        Fixtures.profile(
                admin,
                "/v3",
                "AckSensor",
                "ConnectedDevice",
                "{'name':'setPoint','type':'number','access':'public','publish':'always'}",
                "{'name':'note','type':'number','access':'public','publish':'never'}");
        Fixtures.profile(admin, "/v3", "AckHub", "Gateway");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Mqtt3AsyncClient v3(Dev d) {
        return MqttItSupport.client(server, d.id())
                .useMqttVersion3()
                .simpleAuth(Mqtt3SimpleAuth.builder()
                        .username(d.keyId())
                        .password(d.password())
                        .build())
                .buildAsync();
    }

    static Mqtt3AsyncClient connect(Dev d) {
        Mqtt3AsyncClient c = v3(d);
        c.connect().join();
        return c;
    }

    /** A session the broker keeps when the connection ends; pushes land in {@code received}, unacknowledged. */
    static Mqtt3AsyncClient connectPersistent(Dev d, BlockingQueue<Mqtt3Publish> received) {
        Mqtt3AsyncClient c = v3(d);
        c.publishes(MqttGlobalPublishFilter.ALL, received::add, true);
        c.connectWith().cleanSession(false).send().join();
        return c;
    }

    static String pushTopics(String deviceId) {
        return "connio/data/in/devices/" + deviceId + "/properties/#";
    }

    /** Subscribes to a device's pushes; what arrives is held unacknowledged until the test says so. */
    static BlockingQueue<Mqtt3Publish> subscribeUnacked(Mqtt3AsyncClient c, String deviceId, MqttQos qos) {
        BlockingQueue<Mqtt3Publish> received = new LinkedBlockingQueue<>();
        c.subscribeWith()
                .topicFilter(pushTopics(deviceId))
                .qos(qos)
                .callback(received::add)
                .manualAcknowledgement(true)
                .send()
                .join();
        return received;
    }

    static void write(String deviceId, String property, int v) {
        var r = admin.post(
                "/v3/data/devices/" + deviceId + "/properties/" + property, Map.of("dps", List.of(Map.of("v", v))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** After a later write is stored (see the class comment), the device still has no lastOut. */
    static void assertNoLastOutYet(String deviceId) {
        write(deviceId, "note", 1);
        assertThat(flat(deviceId).has("lastOut"))
                .as("lastOut before the PUBACK")
                .isFalse();
    }

    static void awaitLastOutSetPoint(String deviceId) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "setPoint".equals(flat(deviceId).path("lastOut").asText()));
    }

    static JsonNode flat(String id) {
        return admin.get("/v3/data/devices/" + id).body();
    }

    static <T> T next(BlockingQueue<T> received) throws InterruptedException {
        T p = received.poll(5, TimeUnit.SECONDS);
        assertThat(p).as("a pushed message within 5 s").isNotNull();
        return p;
    }

    @Test
    void qos1Push_lastOutWaitsForTheDevicesPuback() throws Exception {
        Dev d = MqttItSupport.device(admin, "AckSensor");
        Mqtt3AsyncClient c = connect(d);
        BlockingQueue<Mqtt3Publish> received = subscribeUnacked(c, d.id(), MqttQos.AT_LEAST_ONCE);

        write(d.id(), "setPoint", 7);
        Mqtt3Publish push = next(received);
        assertThat(push.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        assertThat(push.getTopic().toString()).isEqualTo("connio/data/in/devices/" + d.id() + "/properties/setpoint");
        assertThat(new String(push.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("7");
        assertNoLastOutYet(d.id());

        push.acknowledge();
        awaitLastOutSetPoint(d.id());
        c.disconnect().join();
    }

    @Test
    void gatewayPush_lastOutIsTheEdgesOnTheGatewaysPuback() throws Exception {
        Dev gw = MqttItSupport.device(admin, "AckHub");
        Dev edge = MqttItSupport.device(admin, "AckSensor");
        MqttItSupport.listEdges(admin, gw, edge);
        Mqtt3AsyncClient c = connect(gw);
        BlockingQueue<Mqtt3Publish> received = subscribeUnacked(c, edge.id(), MqttQos.AT_LEAST_ONCE);

        write(edge.id(), "setPoint", 8);
        Mqtt3Publish push = next(received);
        assertThat(push.getTopic().toString())
                .isEqualTo("connio/data/in/devices/" + edge.id() + "/properties/setpoint");
        assertNoLastOutYet(edge.id());

        push.acknowledge();
        awaitLastOutSetPoint(edge.id());
        assertThat(flat(gw.id()).has("lastOut")).isFalse();
        c.disconnect().join();
    }

    @Test
    void pushUnackedWhenTheSessionEnds_setsNoLastOut_andTheNextSessionAcknowledgesItsOwn() throws Exception {
        Dev d = MqttItSupport.device(admin, "AckSensor");
        Mqtt3AsyncClient first = connect(d);
        BlockingQueue<Mqtt3Publish> received = subscribeUnacked(first, d.id(), MqttQos.AT_LEAST_ONCE);
        write(d.id(), "setPoint", 3);
        next(received);
        first.disconnect().join();

        // A clean session: the unacknowledged push went with the old one.
        Mqtt3AsyncClient second = connect(d);
        BlockingQueue<Mqtt3Publish> again = subscribeUnacked(second, d.id(), MqttQos.AT_LEAST_ONCE);
        assertNoLastOutYet(d.id());

        write(d.id(), "setPoint", 5);
        Mqtt3Publish push = next(again);
        assertThat(new String(push.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("5");
        push.acknowledge();
        awaitLastOutSetPoint(d.id());
        second.disconnect().join();
    }

    @Test
    void pushUnackedWhenAPersistentSessionDisconnects_isResent_andItsPubackSetsLastOut() throws Exception {
        Dev d = MqttItSupport.device(admin, "AckSensor");
        BlockingQueue<Mqtt3Publish> received = new LinkedBlockingQueue<>();
        Mqtt3AsyncClient first = connectPersistent(d, received);
        first.subscribeWith()
                .topicFilter(pushTopics(d.id()))
                .qos(MqttQos.AT_LEAST_ONCE)
                .send()
                .join();
        write(d.id(), "setPoint", 4);
        next(received);
        first.disconnect().join();

        BlockingQueue<Mqtt3Publish> again = new LinkedBlockingQueue<>();
        Mqtt3AsyncClient second = connectPersistent(d, again);
        Mqtt3Publish resent = next(again);
        assertThat(new String(resent.getPayloadAsBytes(), StandardCharsets.UTF_8))
                .isEqualTo("4");
        assertNoLastOutYet(d.id());

        resent.acknowledge();
        awaitLastOutSetPoint(d.id());
        second.disconnect().join();
    }

    @Test
    void mqtt5Session_seesNoMarkOnThePush_andLastOutWaitsForItsPuback() throws Exception {
        Dev d = MqttItSupport.device(admin, "AckSensor");
        Mqtt5AsyncClient c = MqttItSupport.client(server, d.id())
                .useMqttVersion5()
                .simpleAuth(Mqtt5SimpleAuth.builder()
                        .username(d.keyId())
                        .password(d.password())
                        .build())
                .buildAsync();
        c.connect().join();
        BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();
        c.subscribeWith()
                .topicFilter(pushTopics(d.id()))
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(received::add)
                .manualAcknowledgement(true)
                .send()
                .join();

        write(d.id(), "setPoint", 6);
        Mqtt5Publish push = next(received);
        assertThat(push.getUserProperties().asList()).isEmpty();
        assertNoLastOutYet(d.id());

        push.acknowledge();
        awaitLastOutSetPoint(d.id());
        c.disconnect().join();
    }

    @Test
    void qos0Subscription_getsAQos0Push_countedAsSentWhenWritten() throws Exception {
        Dev d = MqttItSupport.device(admin, "AckSensor");
        Mqtt3AsyncClient c = connect(d);
        BlockingQueue<Mqtt3Publish> received = subscribeUnacked(c, d.id(), MqttQos.AT_MOST_ONCE);

        write(d.id(), "setPoint", 9);
        assertThat(next(received).getQos()).isEqualTo(MqttQos.AT_MOST_ONCE);
        awaitLastOutSetPoint(d.id());
        c.disconnect().join();
    }
}
