package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.mqtt.Delivery;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The throttle (README: MQTT): a device publishing beyond its rate has its PUBACKs held back (its
 * in-flight window then paces it) and every acknowledged publish is stored; QoS 0 beyond the rate
 * is dropped; a backlog longer than the quota is refused (MQTT 5: 0x97) or closes the connection
 * (MQTT 3.1.1). The rate is 20 messages a second (bursts of 40) and the backlog 300 ms here.
 */
class MqttThrottleIT {
    static final int RATE = 20;
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.configured(
                InstantSource.system(),
                c -> c.withMqttDelivery(Delivery.DEFAULT.withRate(RATE, Duration.ofMillis(300))));
        admin = server.admin();
        Fixtures.profile(
                admin, "/v3", "FastSensor", "ConnectedDevice", "{'name':'n','type':'number','access':'public'}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String topic(Dev d) {
        return "connio/data/out/devices/" + d.id() + "/properties/n";
    }

    /** The stored values of the device, as a set. */
    static Set<Integer> stored(Dev d) {
        Set<Integer> out = new HashSet<>();
        DataItSupport.values(admin, d.id(), "n").forEach(v -> out.add(v.intValue()));
        return out;
    }

    static String log(Dev d) {
        return MqttItSupport.log(admin, d.id());
    }

    static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void qos1BeyondTheRate_isHeldBack_notDropped_andEveryAcknowledgedPublishIsStored() throws Exception {
        Dev d = MqttItSupport.device(admin, "FastSensor");
        Mqtt3AsyncClient c = MqttItSupport.connectAsync3(server, d);
        int n = 70;
        Semaphore window = new Semaphore(2);
        List<CompletableFuture<?>> acks = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            window.acquire();
            acks.add(c.publishWith()
                    .topic(topic(d))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(String.valueOf(i).getBytes(StandardCharsets.UTF_8))
                    .send()
                    .whenComplete((r, e) -> window.release()));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(acks).allMatch(f -> !f.isCompletedExceptionally());
        assertThat(stored(d)).hasSize(n);
        assertThat(took).as("30 messages beyond the burst at 20/s").isGreaterThan(Duration.ofMillis(1000));
        assertThat(occurrences(log(d), "PUBACKs are held back")).as(log(d)).isEqualTo(1);
        c.disconnect().join();
    }

    @Test
    void qos0BeyondTheRate_isDropped_andTheEpisodeIsLoggedOnce() {
        Dev d = MqttItSupport.device(admin, "FastSensor");
        Mqtt3AsyncClient c = MqttItSupport.connectAsync3(server, d);
        for (int i = 0; i < 200; i++) {
            c.publishWith()
                    .topic(topic(d))
                    .qos(MqttQos.AT_MOST_ONCE)
                    .payload(String.valueOf(i).getBytes(StandardCharsets.UTF_8))
                    .send();
        }
        // a QoS 1 publish after them is answered once they are all handled (one session's publishes are in order)
        c.publishWith()
                .topic(topic(d))
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("1000".getBytes())
                .send()
                .join();

        assertThat(stored(d)).hasSizeBetween(2 * RATE, 199);
        assertThat(occurrences(log(d), "QoS 0 messages beyond it are dropped")).isEqualTo(1);
        c.disconnect().join();
    }

    @Test
    void mqtt5_aBacklogBeyondTheQuota_isAnswered0x97_andWhatIsAcknowledgedIsStored() throws Exception {
        Dev d = MqttItSupport.device(admin, "FastSensor");
        Mqtt5AsyncClient c = MqttItSupport.connectAsync5(server, d);
        List<CompletableFuture<String>> codes = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            codes.add(c.publishWith()
                    .topic(topic(d))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(String.valueOf(i).getBytes(StandardCharsets.UTF_8))
                    .send()
                    .handle(MqttThrottleIT::code));
        }
        Set<Integer> acknowledged = new HashSet<>();
        int overQuota = 0;
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i).get(30, TimeUnit.SECONDS);
            if (code.equals("SUCCESS")) {
                acknowledged.add(i);
            } else {
                assertThat(code).isEqualTo("QUOTA_EXCEEDED");
                overQuota++;
            }
        }
        assertThat(overQuota).isPositive();
        assertThat(stored(d)).isEqualTo(acknowledged);
        assertThat(c.getState().isConnected()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> log(d).contains("over quota"));
        c.disconnect().join();
    }

    static String code(Mqtt5PublishResult r, Throwable e) {
        if (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof Mqtt5PubAckException p) {
            return p.getMqttMessage().getReasonCode().name();
        }
        if (e != null) {
            return e.toString();
        }
        if (r.getError().isPresent() && r.getError().get() instanceof Mqtt5PubAckException p) {
            return p.getMqttMessage().getReasonCode().name();
        }
        return ((Mqtt5PublishResult.Mqtt5Qos1Result) r)
                .getPubAck()
                .getReasonCode()
                .name();
    }

    @Test
    void mqtt311_aBacklogBeyondTheQuota_closesTheConnection_andEveryAcknowledgedPublishIsStored() throws IOException {
        Dev d = MqttItSupport.device(admin, "FastSensor");
        Set<Integer> acknowledged = new HashSet<>();
        try (Socket s = RawMqtt.socket(server.mqttPort())) {
            assertThat(RawMqtt.connack(s, RawMqtt.connect(d.id(), d.keyId(), d.secret(), null, 30)))
                    .isZero();
            var out = new java.io.ByteArrayOutputStream();
            for (int i = 1; i <= 150; i++) {
                out.writeBytes(RawMqtt.publish(topic(d), String.valueOf(i), 1, i, false));
            }
            s.getOutputStream().write(out.toByteArray());
            s.setSoTimeout(30_000);
            byte[] packet;
            while ((packet = RawMqtt.read(s)) != null) {
                acknowledged.add(RawMqtt.pubackId(packet));
            }
        }
        // What was stored but whose PUBACK had not left when the connection closed comes again on
        // reconnect (at least once); nothing is acknowledged that was not stored.
        assertThat(acknowledged).hasSizeLessThan(150);
        assertThat(stored(d)).hasSizeLessThan(150).containsAll(acknowledged);
        await().atMost(Duration.ofSeconds(5)).until(() -> log(d).contains("over quota"));
    }
}
