package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MQTT endpoint with a real MQTT 3.1.1 client: identity, topic rights, the write pipeline, status, pushes. */
class MqttIT {
    static final AtomicInteger SEQ = new AtomicInteger();
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.withMqtt();
        admin = server.admin();
        admin.post("/v3/deviceprofiles", Map.of("name", "MqSensor", "baseProfile", "ConnectedDevice"));
        admin.post(
                "/v3/deviceprofiles/MqSensor/properties",
                Map.of(
                        "name",
                        "temperature",
                        "type",
                        "number",
                        "access",
                        "public",
                        "publish",
                        "always",
                        "boundaries",
                        Map.of("min", -50, "max", 80)));
        admin.post("/v3/deviceprofiles", Map.of("name", "MqHub", "baseProfile", "Gateway"));
        admin.post("/v3/deviceprofiles", Map.of("name", "MqValve", "baseProfile", "ConnectedDevice"));
        admin.post(
                "/v3/deviceprofiles/MqValve/properties",
                Map.of("name", "position", "type", "number", "access", "public", "publish", "changed"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Dev device(String profile) {
        return MqttItSupport.device(admin, profile);
    }

    static Mqtt3BlockingClient client(String clientId) {
        return MqttItSupport.client(server, clientId).useMqttVersion3().buildBlocking();
    }

    static Mqtt3BlockingClient connect(Dev d) {
        Mqtt3BlockingClient c = client(d.id());
        c.connectWith()
                .simpleAuth()
                .username(d.keyId())
                .password(d.secret().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .keepAlive(25)
                .send();
        return c;
    }

    static void publish(Mqtt3BlockingClient c, String topic, String payload) {
        c.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    static JsonNode flat(String id) {
        return admin.get("/v3/data/devices/" + id).body();
    }

    static Mqtt3ConnAckReturnCode refusal(String clientId, String user, String secret) {
        try {
            client(clientId)
                    .connectWith()
                    .simpleAuth()
                    .username(user)
                    .password(secret.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            return Mqtt3ConnAckReturnCode.SUCCESS;
        } catch (Mqtt3ConnAckException e) {
            return e.getMqttMessage().getReturnCode();
        }
    }

    @Test
    void connect_wrongSecret_wrongClientId_disabledDevice_areRefusedWithTheirCodes() {
        Dev d = device("MqSensor");
        assertThat(refusal(d.id(), d.keyId(), "0".repeat(32)))
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("_dev_123", d.keyId(), d.secret())).isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED);
        admin.put("/v3/devices/" + d.id(), Map.of("status", "disabled"));
        assertThat(refusal(d.id(), d.keyId(), d.secret())).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    }

    @Test
    void qos1Publish_isStoredBeforeThePuback_withBuiltinsAndConnectionStatus() {
        Dev d = device("MqSensor");
        assertThat(flat(d.id()).has("connectionStatus")).isFalse();
        Mqtt3BlockingClient c = connect(d);
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        "online".equals(flat(d.id()).path("connectionStatus").asText()));

        publish(c, "connio/data/out/devices/" + d.id() + "/properties/temperature", "21.5");
        // The PUBACK came back: the point is already stored.
        JsonNode now = flat(d.id());
        assertThat(now.get("temperature").asDouble()).isEqualTo(21.5);
        assertThat(now.get("lastIn").asText()).isEqualTo("temperature");
        assertThat(now.get("connectionInfo").get("endpoint").asText()).isEqualTo("mqtt");

        publish(c, "connio/data/out/devices/" + d.id() + "/json", "{\"dps\":[{\"prop\":\"temperature\",\"v\":22.5}]}");
        assertThat(flat(d.id()).get("temperature").asDouble()).isEqualTo(22.5);
        publish(
                c,
                "connio/data/out/devices/" + d.id() + "/properties/json",
                "{\"prop\":\"temperature\",\"dps\":[{\"v\":23.5}]}");
        assertThat(flat(d.id()).get("temperature").asDouble()).isEqualTo(23.5);

        c.disconnect();
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        "offline".equals(flat(d.id()).path("connectionStatus").asText()));
    }

    @Test
    void badPayloads_areRejectedAndLogged_andTheConnectionStaysUp() {
        Dev d = device("MqSensor");
        Mqtt3BlockingClient c = connect(d);
        String base = "connio/data/out/devices/" + d.id();
        publish(c, base + "/properties/temperature", "not json");
        publish(c, base + "/properties/temperature", "\"a string\"");
        publish(c, base + "/properties/temperature", "999");
        publish(c, base + "/properties/nosuch", "1");
        publish(c, base + "/json", "{\"dps\": 5}");
        publish(c, base + "/methods/reboot", "{}");
        assertThat(c.getState().isConnected()).isTrue();
        publish(c, base + "/properties/temperature", "20");
        assertThat(flat(d.id()).get("temperature").asDouble()).isEqualTo(20.0);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String log =
                    admin.get("/v3/devices/" + d.id() + "/logs?pageSize=50").raw();
            assertThat(log)
                    .contains("not JSON", "must be a number", "above the maximum", "nosuch", "dps", "not available");
        });
        c.disconnect();
    }

    @Test
    void topicRights_ownTopicsOnly_forbiddenPublishIsDropped_sessionSurvives() {
        Dev d = device("MqSensor");
        Dev other = device("MqSensor");
        Mqtt3BlockingClient c = connect(d);
        var own = c.subscribeWith()
                .topicFilter("connio/data/in/devices/" + d.id() + "/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        assertThat(own.getReturnCodes()).doesNotContain(Mqtt3SubAckReturnCode.FAILURE);
        assertThat(MqttItSupport.subackOf(c, "connio/data/in/devices/" + other.id() + "/#"))
                .containsExactly(Mqtt3SubAckReturnCode.FAILURE);
        assertThat(MqttItSupport.subackOf(c, "connio/data/in/devices/+/#"))
                .containsExactly(Mqtt3SubAckReturnCode.FAILURE);
        assertThat(MqttItSupport.subackOf(c, "#")).containsExactly(Mqtt3SubAckReturnCode.FAILURE);

        publish(c, "connio/data/out/devices/" + other.id() + "/properties/temperature", "5");
        assertThat(flat(other.id()).has("temperature")).isFalse();
        assertThat(c.getState().isConnected()).isTrue();
        c.disconnect();
    }

    /** The SUBACK codes (the client throws when every code is a failure: SUBACK 0x80). */
    @Test
    void gateway_actsForItsEdges_andTheyFollowItsConnection() {
        Dev gw = device("MqHub");
        Dev e1 = device("MqSensor");
        Dev e2 = device("MqSensor");
        admin.put(
                "/v3/devices/" + gw.id() + "/apikey",
                Map.of("context", Map.of("type", "device", "ids", List.of(gw.id(), e1.id()))));
        Mqtt3BlockingClient c = connect(gw);
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        "online".equals(flat(e1.id()).path("connectionStatus").asText()));
        assertThat(flat(e2.id()).has("connectionStatus")).isFalse();

        publish(c, "connio/data/out/devices/" + e1.id() + "/properties/temperature", "11");
        assertThat(flat(e1.id()).get("temperature").asDouble()).isEqualTo(11.0);
        assertThat(flat(e1.id()).get("active").asText()).isEqualTo("unknown");

        // An edge added to the live gateway's key follows it at once, and its topics open up.
        admin.put(
                "/v3/devices/" + gw.id() + "/apikey",
                Map.of("context", Map.of("type", "device", "ids", List.of(gw.id(), e1.id(), e2.id()))));
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        "online".equals(flat(e2.id()).path("connectionStatus").asText()));
        publish(c, "connio/data/out/devices/" + e2.id() + "/properties/temperature", "12");
        assertThat(flat(e2.id()).get("temperature").asDouble()).isEqualTo(12.0);
        assertThat(c.getState().isConnected()).isTrue();

        c.disconnect();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "offline"
                                .equals(flat(e1.id()).path("connectionStatus").asText())
                        && "offline"
                                .equals(flat(e2.id()).path("connectionStatus").asText())
                        && "offline"
                                .equals(flat(gw.id()).path("connectionStatus").asText()));
    }

    @Test
    void externalWrite_isPushedToTheDevice_andLastOutIsWritten() throws Exception {
        Dev d = device("MqSensor");
        Mqtt3BlockingClient c = connect(d);
        try (var publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith()
                    .topicFilter("connio/data/in/devices/" + d.id() + "/properties/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            var r = admin.post(
                    "/v3/data/devices/" + d.id() + "/properties/temperature", Map.of("dps", List.of(Map.of("v", 30))));
            assertThat(r.status()).isEqualTo(200);

            Optional<Mqtt3Publish> got = publishes.receive(5, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(got.get().getTopic().toString())
                    .isEqualTo("connio/data/in/devices/" + d.id() + "/properties/temperature");
            assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("30");
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "temperature".equals(flat(d.id()).path("lastOut").asText()));
        c.disconnect();
    }

    @Test
    void regeneratingTheKey_endsTheLiveSession() {
        Dev d = device("MqSensor");
        Mqtt3BlockingClient c = connect(d);
        admin.post("/v3/devices/" + d.id() + "/apikey", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> !c.getState().isConnected());
        assertThatThrownBy(() -> connect(d)).isInstanceOf(Mqtt3ConnAckException.class);
    }

    @Test
    void provisioningClientId_withADeviceKey_isRefused() {
        Dev d = device("MqSensor");
        assertThat(refusal("_???_dev", d.keyId(), d.secret())).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    }

    @Test
    void mqtt5_forbiddenPublish_getsAReasonCode_andTheSessionStays() {
        Dev d = device("MqSensor");
        Dev other = device("MqSensor");
        var c = MqttItSupport.client(server, d.id()).useMqttVersion5().buildBlocking();
        c.connectWith()
                .simpleAuth()
                .username(d.keyId())
                .password(d.secret().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        assertThat(pubackCode(c, "connio/data/out/devices/" + other.id() + "/properties/temperature", "1"))
                .isEqualTo("NOT_AUTHORIZED");
        assertThat(pubackCode(c, "connio/data/out/devices/" + d.id() + "/properties/temperature", "not json"))
                .isEqualTo("PAYLOAD_FORMAT_INVALID");
        assertThat(pubackCode(c, "connio/data/out/devices/" + d.id() + "/properties/temperature", "3"))
                .isEqualTo("SUCCESS");
        assertThat(c.getState().isConnected()).isTrue();
        assertThat(flat(d.id()).get("temperature").asDouble()).isEqualTo(3.0);
        c.disconnect();
    }

    /** The PUBACK reason code of an MQTT 5 publish (the blocking client throws on an error code). */
    static String pubackCode(com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient c, String topic, String payload) {
        try {
            c.publishWith()
                    .topic(topic)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send();
            return "SUCCESS";
        } catch (com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode().name();
        }
    }

    @Test
    void disablingOrDeletingTheDevice_endsItsSession() {
        Dev a = device("MqSensor");
        Mqtt3BlockingClient ca = connect(a);
        admin.put("/v3/devices/" + a.id(), Map.of("status", "disabled"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !ca.getState().isConnected());

        Dev b = device("MqSensor");
        Mqtt3BlockingClient cb = connect(b);
        admin.delete("/v3/devices/" + b.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> !cb.getState().isConnected());
    }

    @Test
    void payloadOver256KiB_isRejectedAndLogged_sessionStays() {
        Dev d = device("MqSensor");
        Mqtt3BlockingClient c = connect(d);
        String big = "\"" + "x".repeat(300 * 1024) + "\"";
        publish(c, "connio/data/out/devices/" + d.id() + "/properties/temperature", big);
        assertThat(c.getState().isConnected()).isTrue();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                admin.get("/v3/devices/" + d.id() + "/logs").raw())
                        .contains("more than 262144"));
        c.disconnect();
    }

    @Test
    void publishChanged_pushesOnlyWhenTheValueChanges() throws Exception {
        Dev d = device("MqValve");
        Mqtt3BlockingClient c = connect(d);
        try (var publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith()
                    .topicFilter("connio/data/in/devices/" + d.id() + "/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            for (int v : new int[] {5, 5, 6}) {
                admin.post(
                        "/v3/data/devices/" + d.id() + "/properties/position", Map.of("dps", List.of(Map.of("v", v))));
            }
            assertThat(new String(
                            publishes.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("5");
            assertThat(new String(
                            publishes.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("6");
            assertThat(publishes.receive(500, TimeUnit.MILLISECONDS)).isEmpty();
        }
        c.disconnect();
    }

    @Test
    void keepAliveExpiry_setsTheDeviceOffline() throws Exception {
        Dev d = device("MqSensor");
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", server.mqttPort())) {
            raw.getOutputStream().write(connectPacket(d.id(), d.keyId(), d.secret(), 1));
            byte[] connack = raw.getInputStream().readNBytes(4);
            assertThat(connack[0]).isEqualTo((byte) 0x20);
            assertThat(connack[3]).as("CONNACK return code").isZero();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> "online"
                            .equals(flat(d.id()).path("connectionStatus").asText()));
            // Silence: no PINGREQ within 1.5 x the 1 s keep-alive, so the broker drops the connection.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "offline"
                            .equals(flat(d.id()).path("connectionStatus").asText()));
        }
    }

    /** A raw MQTT 3.1.1 CONNECT (clean session, user name and password) with the given keep-alive. */
    static byte[] connectPacket(String clientId, String user, String password, int keepAliveSeconds) throws Exception {
        var body = new java.io.ByteArrayOutputStream();
        var out = new java.io.DataOutputStream(body);
        out.writeShort(4);
        out.writeBytes("MQTT");
        out.writeByte(4);
        out.writeByte(0xC2);
        out.writeShort(keepAliveSeconds);
        for (String s : new String[] {clientId, user, password}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeShort(b.length);
            out.write(b);
        }
        byte[] payload = body.toByteArray();
        var packet = new java.io.ByteArrayOutputStream();
        packet.write(0x10);
        int len = payload.length;
        do {
            int digit = len % 128;
            len /= 128;
            packet.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        packet.write(payload);
        return packet.toByteArray();
    }
}
