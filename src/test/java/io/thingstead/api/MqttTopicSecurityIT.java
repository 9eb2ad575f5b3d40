package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.api.MqttSecuritySupport.Inbox;
import io.thingstead.testing.Http;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SUBSCRIBE reaches only the in-topics of the devices the key lists (or a provisioning session's
 * own answer topic); nothing a client PUBLISHes is routed to any subscriber or retained.
 */
class MqttTopicSecurityIT extends MqttItBase {
    static void publishRetained(Mqtt3BlockingClient c, String topic, String payload) {
        c.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(true)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    @Test
    void subscribe_wildcardsSharedSysAndOthersTopics_areRefused_ownIsGranted() {
        Dev d = device("MqSensor");
        Dev other = device("MqSensor");
        Mqtt3BlockingClient c = connect(d);
        String own = "connio/data/in/devices/" + d.id();
        List<String> refused = List.of(
                "#",
                "+",
                "+/+/+/+/+/+",
                "connio/#",
                "connio/+/in/devices/" + d.id() + "/#",
                "connio/data/in/devices/#",
                "connio/data/in/devices/+/#",
                "connio/data/in/devices/+/properties/temperature",
                "connio/data/in/devices/" + other.id() + "/#",
                "connio/data/out/devices/" + d.id() + "/#",
                "$SYS/#",
                "$share/g/#",
                "$share/g/connio/data/in/devices/" + other.id() + "/#",
                "$share/g/" + own + "/#",
                "connio/provisions/#",
                "connio/provisions/+",
                "connio/provisions/_???_someone");
        for (String filter : refused) {
            assertThat(MqttItSupport.subackOf(c, filter)).as(filter).containsExactly(Mqtt3SubAckReturnCode.FAILURE);
        }
        for (String filter : List.of(own + "/#", own + "/properties/#", own + "/properties/temperature")) {
            assertThat(MqttItSupport.subackOf(c, filter)).as(filter).doesNotContain(Mqtt3SubAckReturnCode.FAILURE);
        }
        assertThat(c.getState().isConnected()).isTrue();
        c.disconnect();
    }

    @Test
    void provisioningSession_subscribesOnlyToItsOwnAnswerTopic() {
        Http.Key provisioner = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        Dev d = device("MqSensor");
        try (Inbox inbox = MqttSecuritySupport.provisioningInbox(server, provisioner, "_???_subs")) {
            for (String filter : List.of(
                    "#", "connio/provisions/#", "connio/provisions/+", "connio/data/in/devices/" + d.id() + "/#")) {
                assertThat(MqttItSupport.subackOf(inbox.client, filter))
                        .as(filter)
                        .containsExactly(Mqtt3SubAckReturnCode.FAILURE);
            }
        }
    }

    @Test
    void retainedPublishOnAnotherDevicesInTopic_reachesNeitherItsLiveNorItsLaterSubscriber() {
        Dev attacker = device("MqSensor");
        Dev victim = device("MqSensor");
        Mqtt3BlockingClient c = connect(attacker);
        try (Inbox live = Inbox.of(server, victim)) {
            publishRetained(c, "connio/data/in/devices/" + victim.id() + "/properties/temperature", "66");
            live.receivesOnlyTheMarker(admin, victim.id());
        }
        try (Inbox later = Inbox.of(server, victim)) {
            later.receivesOnlyTheMarker(admin, victim.id());
        }
        assertThat(c.getState().isConnected()).isTrue();
        c.disconnect();
    }

    @Test
    void edgePublishingOnItsOwnInTopic_doesNotReachItsGateway_norItself() {
        Dev gw = device("MqHub");
        Dev edge = device("MqSensor");
        MqttItSupport.listEdges(admin, gw, edge);
        Mqtt3BlockingClient gateway = connect(gw);
        try (Inbox toGateway = new Inbox(gateway, "connio/data/in/devices/" + edge.id() + "/#");
                Inbox own = Inbox.of(server, edge)) {
            publishRetained(own.client, "connio/data/in/devices/" + edge.id() + "/properties/temperature", "66");
            String marker = own.receivesOnlyTheMarker(admin, edge.id());
            assertThat(Inbox.text(toGateway.next()))
                    .as("the gateway's next message is the same marker")
                    .isEqualTo(marker);
        }
    }

    @Test
    void publishOnAnotherClientsProvisioningAnswerTopic_neverReachesIt() throws Exception {
        Dev attacker = device("MqSensor");
        Dev wanted = device("MqSensor");
        Http.Key provisioner = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        String clientId = "_???_target";
        try (Inbox inbox = MqttSecuritySupport.provisioningInbox(server, provisioner, clientId)) {
            Mqtt3BlockingClient c = connect(attacker);
            publishRetained(c, "connio/provisions/" + clientId, "{\"apiKeyId\":\"forged\"}");
            publishRetained(c, "connio/provisions", "{\"id\":\"" + wanted.id() + "\"}");
            JsonNode answer = inbox.provision(wanted.id());
            assertThat(answer.get("apiKeyId").asText()).isEqualTo(wanted.keyId());
            c.disconnect();
        }
    }

    @Test
    void publishOnSysOrArbitraryTopics_isRefusedAndLogged_theSessionStays() {
        Dev d = device("MqSensor");
        Mqtt5BlockingClient c = MqttItSupport.connect5(server, d);
        for (String topic : List.of("$SYS/broker/x", "any/topic", "connio/data/in/devices/" + d.id() + "/x")) {
            assertThat(MqttItSupport.pubackCode(c, topic, "1")).as(topic).isEqualTo("TOPIC_NAME_INVALID");
        }
        assertThat(c.getState().isConnected()).isTrue();
        awaitLogged(d.id(), "not a Connio topic");
        c.disconnect();
    }

    @Test
    void gatewaySubscription_toAnEdgeItNoLongerLists_getsNothingMore() {
        Dev gw = device("MqHub");
        Dev dropped = device("MqSensor");
        Dev kept = device("MqSensor");
        MqttItSupport.listEdges(admin, gw, dropped, kept);
        try (Inbox inbox = new Inbox(
                connect(gw),
                "connio/data/in/devices/" + dropped.id() + "/#",
                "connio/data/in/devices/" + kept.id() + "/#")) {
            MqttItSupport.listEdges(admin, gw, kept);
            var write = admin.post(
                    "/v3/data/devices/" + dropped.id() + "/properties/temperature",
                    java.util.Map.of("dps", List.of(java.util.Map.of("v", 1))));
            assertThat(write.raw()).contains("\"accepted\":1");
            inbox.receivesOnlyTheMarker(admin, kept.id());
        }
    }
}
