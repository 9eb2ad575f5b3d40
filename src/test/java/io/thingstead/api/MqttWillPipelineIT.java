package io.thingstead.api;

import static io.thingstead.api.MqttItSupport.client5;
import static io.thingstead.api.MqttItSupport.connectCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.api.MqttSecuritySupport.Inbox;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A will on the device's own data topic is a PUBLISH that fires later: it goes through the same
 * write pipeline (validation, builtins, durable store), is never routed or retained, and fires
 * only when the connection ends without a normal DISCONNECT (after its MQTT 5 delay).
 */
class MqttWillPipelineIT extends MqttItBase {
    static void awaitValue(String deviceId, double value) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> flat(deviceId).path("temperature").asDouble(Double.NaN) == value);
    }

    static String outTopic(Dev d) {
        return "connio/data/out/devices/" + d.id() + "/properties/temperature";
    }

    /** Connects over a raw socket with a will on the device's own temperature, then runs {@code then}. */
    static void withRawWill(Dev d, String value, boolean normalDisconnect) throws Exception {
        try (Socket raw = RawMqtt.socket(server.mqttPort())) {
            var will = new RawMqtt.Will(outTopic(d), value, 2, true);
            assertThat(RawMqtt.connack(raw, RawMqtt.connect(d.id(), d.keyId(), d.secret(), will, 60)))
                    .isZero();
            awaitStatus(d, "online");
            if (normalDisconnect) {
                raw.getOutputStream().write(RawMqtt.DISCONNECT);
            }
        }
        awaitStatus(d, "offline");
    }

    static void awaitStatus(Dev d, String status) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> status.equals(flat(d.id()).path("connectionStatus").asText()));
    }

    @Test
    void ownTopicWill_withQos2AndRetain_firesOnALostConnection_asAStoredWrite() throws Exception {
        Dev d = device("MqSensor");
        withRawWill(d, "31.5", false);
        awaitValue(d.id(), 31.5);
        assertThat(flat(d.id()).get("lastIn").asText()).isEqualTo("temperature");
    }

    @Test
    void ownTopicWill_withAnInvalidValue_isRejectedAndLogged_notStored() throws Exception {
        Dev d = device("MqSensor");
        withRawWill(d, "999", false);
        awaitLogged(d.id(), "above the maximum");
        assertThat(flat(d.id()).has("temperature")).isFalse();
    }

    @Test
    void normalDisconnect_dropsTheWill() throws Exception {
        Dev d = device("MqSensor");
        // A will that fired is stored before the offline status is (both go through one writer in order).
        withRawWill(d, "7", true);
        assertThat(flat(d.id()).has("temperature")).isFalse();
    }

    @Test
    void willOfADeviceDisabledMeanwhile_isRefusedByThePipeline() throws Exception {
        Dev d = device("MqSensor");
        try (Socket raw = RawMqtt.socket(server.mqttPort())) {
            var will = new RawMqtt.Will(outTopic(d), "5", 1, false);
            assertThat(RawMqtt.connack(raw, RawMqtt.connect(d.id(), d.keyId(), d.secret(), will, 60)))
                    .isZero();
            awaitStatus(d, "online");
            admin.put("/v3/devices/" + d.id(), Map.of("status", "disabled"));
            awaitStatus(d, "offline");
        }
        awaitLogged(d.id(), "disabled");
        assertThat(flat(d.id()).has("temperature")).isFalse();
    }

    static Mqtt5Connect will5(Dev d, String value, long delaySeconds, long sessionExpirySeconds, String responseTopic) {
        return Mqtt5Connect.builder()
                .sessionExpiryInterval(sessionExpirySeconds)
                .simpleAuth()
                .username(d.keyId())
                .password(d.password())
                .applySimpleAuth()
                .willPublish()
                .topic(outTopic(d))
                .payload(value.getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.EXACTLY_ONCE)
                .retain(true)
                .delayInterval(delaySeconds)
                .responseTopic(responseTopic)
                .correlationData("c".getBytes(StandardCharsets.UTF_8))
                .contentType("application/json")
                .messageExpiryInterval(60)
                .userProperties()
                .add("k", "v")
                .applyUserProperties()
                .applyWillPublish()
                .build();
    }

    @Test
    void mqtt5DisconnectWithWill_firesTheWill_whosePropertiesRouteNothing() {
        Dev d = device("MqSensor");
        Dev victim = device("MqSensor");
        try (Inbox inbox = Inbox.of(server, victim)) {
            Mqtt5BlockingClient c = client5(server, d.id());
            assertThat(connectCode(c, will5(d, "8.5", 0, 0, "connio/data/in/devices/" + victim.id() + "/properties/x")))
                    .isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            c.disconnectWith()
                    .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                    .send();
            awaitValue(d.id(), 8.5);
            inbox.receivesOnlyTheMarker(admin, victim.id());
        }
    }

    /** Connects over MQTT 5 with a will on its temperature, then leaves with DISCONNECT 0x04 (send the will). */
    static void leaveWithDelayedWill(Dev d, String value, long delaySeconds) {
        Mqtt5BlockingClient c = client5(server, d.id());
        assertThat(connectCode(c, will5(d, value, delaySeconds, 30, "any/topic")))
                .isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        c.disconnectWith()
                .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                .send();
    }

    @Test
    void mqtt5WillDelay_firesOnceTheDelayPassed() {
        Dev d = device("MqSensor");
        leaveWithDelayedWill(d, "9.5", 2);
        awaitStatus(d, "offline");
        assertThat(flat(d.id()).has("temperature")).as("not before the delay").isFalse();
        awaitValue(d.id(), 9.5);
    }

    @Test
    void mqtt5WillDelay_reconnectingWithinTheDelay_dropsTheWill() {
        Dev d = device("MqSensor");
        leaveWithDelayedWill(d, "10.5", 2);
        Mqtt5BlockingClient again = MqttItSupport.connect5(server, d);
        again.disconnect();
        // Absence over time: the delay was 2 s; a short bounded wait past it.
        await().during(Duration.ofMillis(2500))
                .atMost(Duration.ofSeconds(4))
                .until(() -> !flat(d.id()).has("temperature"));
    }
}
