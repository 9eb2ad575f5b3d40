package io.thingstead.api;

import static io.thingstead.api.MqttItSupport.pubackCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.thingstead.api.MqttItSupport.Dev;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MQTT endpoint with a real client: who may connect, topic rights, and what ends a session. */
class MqttIT extends MqttItBase {
    static Mqtt3ConnAckReturnCode refusal(String clientId, String user, String secret) {
        return MqttItSupport.connectCode(client(clientId), MqttItSupport.auth(user, secret));
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
    void provisioningClientId_withADeviceKey_isRefused() {
        Dev d = device("MqSensor");
        assertThat(refusal("_???_dev", d.keyId(), d.secret())).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
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

    @Test
    void mqtt5_forbiddenPublish_getsAReasonCode_andTheSessionStays() {
        Dev d = device("MqSensor");
        Dev other = device("MqSensor");
        var c = MqttItSupport.connect5(server, d);
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

    @Test
    void regeneratingTheKey_endsTheLiveSession() {
        Dev d = device("MqSensor");
        Mqtt3BlockingClient c = connect(d);
        admin.post("/v3/devices/" + d.id() + "/apikey", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> !c.getState().isConnected());
        assertThatThrownBy(() -> connect(d)).isInstanceOf(Mqtt3ConnAckException.class);
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
    void keepAliveExpiry_setsTheDeviceOffline() throws Exception {
        Dev d = device("MqSensor");
        try (java.net.Socket raw = RawMqtt.socket(server.mqttPort())) {
            assertThat(RawMqtt.connack(raw, RawMqtt.connect(d.id(), d.keyId(), d.secret(), null, 1)))
                    .as("CONNACK return code")
                    .isZero();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> "online"
                            .equals(flat(d.id()).path("connectionStatus").asText()));
            // Silence: no PINGREQ within 1.5 x the 1 s keep-alive, so the broker drops the connection.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "offline"
                            .equals(flat(d.id()).path("connectionStatus").asText()));
        }
    }
}
