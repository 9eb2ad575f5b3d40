package io.thingstead.api;

import static io.thingstead.api.MqttItSupport.auth;
import static io.thingstead.api.MqttItSupport.client3;
import static io.thingstead.api.MqttItSupport.client5;
import static io.thingstead.api.MqttItSupport.connectCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.api.MqttSecuritySupport.Inbox;
import io.thingstead.testing.Http;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A will must pass the publish rights of a PUBLISH at CONNECT: a will on a topic the key may not
 * publish to refuses the CONNECT (3.1.1 code 5, MQTT 5 0x87), and no will is ever retained or
 * delivered to a subscriber.
 */
class MqttWillSecurityIT extends MqttItBase {
    static Mqtt3Connect withWill(Dev d, String topic, String payload, boolean retain) {
        return auth(d).extend()
                .willPublish()
                .topic(topic)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(retain)
                .applyWillPublish()
                .build();
    }

    static String inTopic(String deviceId) {
        return "connio/data/in/devices/" + deviceId + "/properties/temperature";
    }

    @Test
    void retainedWillOnAnotherDevicesInTopic_refusesTheConnect_andTheVictimNeverReceivesIt() throws Exception {
        Dev attacker = device("MqSensor");
        Dev victim = device("MqSensor");
        try (Inbox live = Inbox.of(server, victim)) {
            int connack;
            // The attack: connect with the will, then drop the TCP connection without DISCONNECT.
            try (Socket raw = RawMqtt.socket(server.mqttPort())) {
                var will = new RawMqtt.Will(inTopic(victim.id()), "66", 1, true);
                connack = RawMqtt.connack(
                        raw, RawMqtt.connect(attacker.id(), attacker.keyId(), attacker.secret(), will, 60));
            }
            live.receivesOnlyTheMarker(admin, victim.id());
            assertThat(connack).as("CONNACK: not authorized").isEqualTo(5);
        }
        // Nothing was retained either: a new subscription gets the next marker first.
        try (Inbox later = Inbox.of(server, victim)) {
            later.receivesOnlyTheMarker(admin, victim.id());
        }
    }

    @Test
    void willOnTheInTopicOfADeviceOfAnotherAccount_isRefusedWithMqtt5NotAuthorized() {
        Dev attacker = MqttSecuritySupport.deviceOfAnotherAccount(admin);
        Dev victim = device("MqSensor");
        try (Inbox live = Inbox.of(server, victim)) {
            Mqtt5Connect connect = Mqtt5Connect.builder()
                    .simpleAuth()
                    .username(attacker.keyId())
                    .password(attacker.password())
                    .applySimpleAuth()
                    .willPublish()
                    .topic(inTopic(victim.id()))
                    .payload("66".getBytes(StandardCharsets.UTF_8))
                    .retain(true)
                    .applyWillPublish()
                    .build();
            assertThat(connectCode(client5(server, attacker.id()), connect))
                    .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
            live.receivesOnlyTheMarker(admin, victim.id());
        }
    }

    @Test
    void willOnAnyConnioTopicTheKeyMayNotPublishTo_refusesTheConnect() {
        Dev d = device("MqSensor");
        Dev other = device("MqSensor");
        List<String> topics = List.of(
                inTopic(d.id()),
                "connio/data/out/devices/" + other.id() + "/properties/temperature",
                "connio/data/out/devices/" + other.id() + "/json",
                "connio/provisions",
                "connio/provisions/_???_victim",
                "connio/data/out/devices/" + d.id() + "/unknown/kind",
                "connio/anything/else");
        for (String topic : topics) {
            assertThat(connectCode(client(d.id()), withWill(d, topic, "1", false)))
                    .as(topic)
                    .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        }
        assertThat(flat(other.id()).has("temperature")).isFalse();
    }

    @Test
    void willOutsideConnioTopics_likeAMosquittoBridgeNotification_isAccepted_andDroppedAndLoggedWhenItFires()
            throws Exception {
        Dev d = device("MqSensor");
        String topic = "$SYS/broker/connection/" + d.id() + "/state";
        try (Socket raw = RawMqtt.socket(server.mqttPort())) {
            var will = new RawMqtt.Will(topic, "0", 1, true);
            assertThat(RawMqtt.connack(raw, RawMqtt.connect(d.id(), d.keyId(), d.secret(), will, 60)))
                    .isZero();
        }
        awaitLogged(d.id(), "'" + topic + "' ignored: not a Connio topic");
    }

    @Test
    void retainedWillOnAProvisioningAnswerTopic_isRefused_andTheProvisioningClientGetsOnlyItsRealAnswer()
            throws Exception {
        Dev attacker = device("MqSensor");
        Dev wanted = device("MqSensor");
        String clientId = "_???_will" + System.nanoTime() % 100_000;
        String forged = "{\"deviceId\":\"" + wanted.id() + "\",\"apiKeyId\":\"forged\",\"apiSecret\":\"forged\"}";
        assertThat(connectCode(
                        client(attacker.id()), withWill(attacker, "connio/provisions/" + clientId, forged, true)))
                .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);

        Http.Key provisioner = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        try (Inbox inbox = MqttSecuritySupport.provisioningInbox(server, provisioner, clientId)) {
            JsonNode answer = inbox.provision(wanted.id());
            assertThat(answer.get("apiKeyId").asText()).isEqualTo(wanted.keyId());
            assertThat(answer.get("apiSecret").asText()).isEqualTo(wanted.secret());
        }
    }

    @Test
    void provisioningSessionWithAWill_isRefused() {
        Http.Key provisioner = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        Mqtt3Connect connect = auth(provisioner.id(), provisioner.secret())
                .extend()
                .willPublish()
                .topic("connio/provisions")
                .payload("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                .applyWillPublish()
                .build();
        assertThat(connectCode(client3(server, "_???_withwill"), connect))
                .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    }

    @Test
    void gatewayWill_onAListedEdgesTopic_isAccepted_onAnUnlistedDevicesTopic_refused() throws Exception {
        Dev gw = device("MqHub");
        Dev edge = device("MqSensor");
        Dev stranger = device("MqSensor");
        MqttItSupport.listEdges(admin, gw, edge);
        String strangerTopic = "connio/data/out/devices/" + stranger.id() + "/properties/temperature";
        assertThat(connectCode(client(gw.id()), withWill(gw, strangerTopic, "1", false)))
                .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);

        String edgeTopic = "connio/data/out/devices/" + edge.id() + "/properties/temperature";
        try (Socket raw = RawMqtt.socket(server.mqttPort())) {
            var will = new RawMqtt.Will(edgeTopic, "12.5", 1, false);
            assertThat(RawMqtt.connack(raw, RawMqtt.connect(gw.id(), gw.keyId(), gw.secret(), will, 60)))
                    .isZero();
        }
        MqttWillPipelineIT.awaitValue(edge.id(), 12.5);
        assertThat(flat(stranger.id()).has("temperature")).isFalse();
    }
}
