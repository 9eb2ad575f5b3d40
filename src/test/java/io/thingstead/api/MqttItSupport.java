package io.thingstead.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shared fixtures of the MQTT integration tests: devices with their keys, and the one way they make
 * clients of the test broker and connect them (CONNECTs with a key, refusal codes).
 */
final class MqttItSupport {
    private MqttItSupport() {}

    /** A device and its key, whose id is the MQTT user name and secret the password. */
    record Dev(String id, String keyId, String secret) {
        byte[] password() {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    static Dev device(Http admin, String profile) {
        return device(admin, profile, 0);
    }

    /** A device with a {@code period} in seconds (0: its activity is unknown). */
    static Dev device(Http admin, String profile, int period) {
        return withKey(admin, "/v3", Fixtures.deviceId(admin, profile, period));
    }

    /** A new device of {@code profile} made under {@code prefix} ({@code /v3} or an account's), with its key. */
    static Dev device(Http as, String prefix, String profile) {
        return withKey(as, prefix, Fixtures.id(Fixtures.device(as, prefix, profile)));
    }

    private static Dev withKey(Http as, String prefix, String id) {
        JsonNode key = Fixtures.apikey(as, prefix, id);
        return new Dev(id, key.get("id").asText(), key.get("secret").asText());
    }

    /** Makes the gateway's key list these edge devices (and itself): it acts for them from now on. */
    static void listEdges(Http admin, Dev gateway, Dev... edges) {
        Fixtures.gatewayKey(
                admin, "/v3", gateway.id(), Arrays.stream(edges).map(Dev::id).toArray(String[]::new));
    }

    /** The SUBACK return codes of one subscription (the blocking client throws on failure codes). */
    static List<Mqtt3SubAckReturnCode> subackOf(Mqtt3BlockingClient c, String filter) {
        try {
            return c.subscribeWith()
                    .topicFilter(filter)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .getReturnCodes();
        } catch (Mqtt3SubAckException e) {
            return e.getMqttMessage().getReturnCodes();
        }
    }

    /** An MQTT 3.1.1 session of the device with its key. */
    static Mqtt3BlockingClient connect3(TestServer server, Dev d) {
        return connectAsync3(server, d).toBlocking();
    }

    /** An MQTT 5 session of the device with its key. */
    static Mqtt5BlockingClient connect5(TestServer server, Dev d) {
        return connectAsync5(server, d).toBlocking();
    }

    /** The PUBACK reason code of an MQTT 5 QoS 1 publish (the blocking client throws on an error code). */
    static String pubackCode(Mqtt5BlockingClient c, String topic, String payload) {
        try {
            c.publishWith()
                    .topic(topic)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send();
            return "SUCCESS";
        } catch (Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode().name();
        }
    }

    /** A connected MQTT 3.1.1 async client of the device, with a clean session. */
    static Mqtt3AsyncClient connectAsync3(TestServer server, Dev d) {
        return connectAsync3(server, d, true, null);
    }

    /**
     * A connected MQTT 3.1.1 async client of the device, its session clean or not; what it receives
     * goes to {@code received} (from before the CONNACK: a resumed session's queue comes at once).
     */
    static Mqtt3AsyncClient connectAsync3(
            TestServer server, Dev d, boolean cleanSession, Consumer<Mqtt3Publish> received) {
        Mqtt3AsyncClient c = client(server, d.id()).useMqttVersion3().buildAsync();
        if (received != null) {
            c.publishes(MqttGlobalPublishFilter.ALL, received);
        }
        joined(c.connect(
                auth(d).extend().cleanSession(cleanSession).keepAlive(25).build()));
        return c;
    }

    /** A connected MQTT 5 async client of the device. */
    static Mqtt5AsyncClient connectAsync5(TestServer server, Dev d) {
        Mqtt5AsyncClient c = client(server, d.id()).useMqttVersion5().buildAsync();
        joined(c.connect(auth5(d.keyId(), d.secret())));
        return c;
    }

    /** Waits for the future; a refusal (e.g. a CONNACK error) is thrown as itself, as a blocking client would. */
    static <T> T joined(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** A CONNECT with user name and password. */
    static Mqtt3Connect auth(String user, String secret) {
        return Mqtt3Connect.builder()
                .simpleAuth()
                .username(user)
                .password(secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .build();
    }

    static Mqtt3Connect auth(Dev d) {
        return auth(d.keyId(), d.secret());
    }

    /** Connects; SUCCESS (and the client is connected) or the CONNACK code of the refusal. */
    static Mqtt3ConnAckReturnCode connectCode(Mqtt3BlockingClient c, Mqtt3Connect connect) {
        try {
            c.connect(connect);
            return Mqtt3ConnAckReturnCode.SUCCESS;
        } catch (Mqtt3ConnAckException e) {
            return e.getMqttMessage().getReturnCode();
        }
    }

    static Mqtt5ConnAckReasonCode connectCode(Mqtt5BlockingClient c, Mqtt5Connect connect) {
        try {
            c.connect(connect);
            return Mqtt5ConnAckReasonCode.SUCCESS;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    static Mqtt5BlockingClient client5(TestServer server, String clientId) {
        return client(server, clientId).useMqttVersion5().buildBlocking();
    }

    static Mqtt3BlockingClient client3(TestServer server, String clientId) {
        return client(server, clientId).useMqttVersion3().buildBlocking();
    }

    /** An MQTT 5 CONNECT with user name and password. */
    static Mqtt5Connect auth5(String user, String secret) {
        return Mqtt5Connect.builder()
                .simpleAuth()
                .username(user)
                .password(secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .build();
    }

    /** The device's log (its newest 100 entries) as JSON text. */
    static String log(Http admin, String deviceId) {
        return admin.get("/v3/devices/" + deviceId + "/logs?pageSize=100").raw();
    }

    /** A client of the server's MQTT listener; pick the protocol version next. */
    static MqttClientBuilder client(TestServer server, String clientId) {
        return MqttClient.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(server.mqttPort());
    }
}
