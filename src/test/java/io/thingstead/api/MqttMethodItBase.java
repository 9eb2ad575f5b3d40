package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One server with MQTT whose method calls may run 3 s; devices of profiles with methods, and
 * clients that read the answers of their calls (docs/methods.md: Calls over MQTT).
 */
abstract class MqttMethodItBase {
    static final long ANSWER_WAIT_S = 10;
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.configured(
                InstantSource.system(), c -> c.withMethodTimeouts(Duration.ofSeconds(3), Map.of()));
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A new profile on {@code base} (with a public number {@code temperature}) and these methods: name, access, body. */
    static String profile(String base, String... methods) {
        String profile = MethodCallSupport.profile(admin, base);
        for (int i = 0; i < methods.length; i += 3) {
            MethodCallSupport.define(admin, profile, methods[i], methods[i + 1], methods[i + 2]);
        }
        return profile;
    }

    static Dev device(String profile) {
        return MqttItSupport.device(admin, profile);
    }

    static String out(Dev d, String rest) {
        return "connio/data/out/devices/" + d.id() + "/" + rest;
    }

    static String in(Dev d, String rest) {
        return "connio/data/in/devices/" + d.id() + "/" + rest;
    }

    /** An MQTT 3.1.1 session of {@code d} whose received messages are read with {@link #next}. */
    static Session3 session3(Dev d, String... filters) {
        Mqtt3BlockingClient c = MqttItSupport.connect3(server, d);
        var received = c.publishes(MqttGlobalPublishFilter.ALL);
        for (String f : filters) {
            c.subscribeWith().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).send();
        }
        return new Session3(c, received);
    }

    /** An MQTT 3.1.1 client and what it receives. */
    record Session3(Mqtt3BlockingClient client, Mqtt3BlockingClient.Mqtt3Publishes received) implements AutoCloseable {
        void publish(String topic, String payload) {
            publish(topic, payload.getBytes(StandardCharsets.UTF_8), MqttQos.AT_LEAST_ONCE);
        }

        void publish(String topic, byte[] payload, MqttQos qos) {
            client.publishWith().topic(topic).qos(qos).payload(payload).send();
        }

        /** The next message it receives: its topic and JSON payload. */
        Message next() {
            try {
                Mqtt3Publish p = received.receive(ANSWER_WAIT_S, TimeUnit.SECONDS)
                        .orElseThrow(() -> new AssertionError("no answer within " + ANSWER_WAIT_S + " s"));
                return new Message(p.getTopic().toString(), Http.JSON.readTree(p.getPayloadAsBytes()));
            } catch (InterruptedException | java.io.IOException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            received.close();
            client.disconnect();
        }
    }

    /** A message a session received. */
    record Message(String topic, JsonNode body) {}

    /** An MQTT 5 session of {@code d}. */
    static Mqtt5BlockingClient session5(Dev d) {
        return MqttItSupport.connect5(server, d);
    }

    /** The method instance of the device (its stats and state). */
    static JsonNode instance(Dev d, String method) {
        return admin.get("/v3/devices/" + d.id() + "/methods/" + method).body();
    }

    static void awaitLogged(String deviceId, String... texts) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(MqttItSupport.log(admin, deviceId)).contains(texts));
    }
}
