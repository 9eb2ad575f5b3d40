package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.thingstead.api.MqttItSupport.Dev;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bad method publishes: malformed batches, garbage bytes, runaway and throwing scripts, floods.
 * Each is refused or fails on its own, logged, and the session and the server stay up.
 */
class MqttMethodSecurityIT extends MqttMethodItBase {
    @Test
    void malformedBatches_callNothing_areAnsweredWithTheError_andTheSessionStays() {
        Dev d = device(profile("ConnectedDevice", "count", "protected", "return 1;"));
        String[] bad = {
            "not json",
            "[]",
            "{\"dps\": 5}",
            "{\"dps\": []}",
            "{\"dps\": [{\"value\": 1}]}",
            "{\"dps\": [{\"method\": 7}]}",
            "{\"dps\": [{\"method\": \"count\", \"extra\": 1}]}",
            "{\"dps\": [{\"method\": \"count\"}], \"more\": 1}",
            "{\"dps\": [" + "{\"method\":\"count\"},".repeat(20) + "{\"method\":\"count\"}]}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]"
        };
        try (Session3 s = session3(d, in(d, "methods/json"))) {
            for (String payload : bad) {
                s.publish(out(d, "methods/json"), payload);
                JsonNode error = s.next().body();
                assertThat(error.isArray()).as(payload).isTrue();
                assertThat(error.get(0).get("code").asText()).as(payload).isNotEmpty();
            }
            assertThat(s.client().getState().isConnected()).isTrue();
        }
        assertThat(instance(d, "count").get("stats").get("count").asInt()).isZero();
        awaitLogged(d.id(), "more than 20", "must be {\\\"dps\\\"");
    }

    @Test
    void bytesThatAreNotText_areRefused_andTheMethodDoesNotRun() {
        Dev d = device(profile("ConnectedDevice", "count", "protected", "return 1;"));
        var c = session5(d);
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3};
        try {
            c.publishWith()
                    .topic(out(d, "methods/count"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(garbage)
                    .send();
        } catch (com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException e) {
            assertThat(e.getMqttMessage().getReasonCode().name()).isEqualTo("PAYLOAD_FORMAT_INVALID");
        }
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/count"), "1")).isEqualTo("SUCCESS");
        c.disconnect();
        assertThat(instance(d, "count").get("stats").get("count").asInt()).isEqualTo(1);
        awaitLogged(d.id(), "MethodRejected");
    }

    @Test
    void runawayScript_isStoppedAtItsLimit_andQuarantined_theSessionGetsItsPuback() {
        Dev d = device(profile("ConnectedDevice", "spin", "protected", "while (true) {}"));
        var c = session5(d);
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/spin"), "1")).isEqualTo("PAYLOAD_FORMAT_INVALID");
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/spin"), "1")).isEqualTo("NOT_AUTHORIZED");
        assertThat(MqttItSupport.pubackCode(c, out(d, "properties/temperature"), "21"))
                .isEqualTo("SUCCESS");
        c.disconnect();
        assertThat(instance(d, "spin").get("disabled").asBoolean()).isTrue();
    }

    @Test
    void runawayScripts_calledWithQos0_neverHoldTheConnection_andDataStillFlows() {
        Dev d = device(profile("ConnectedDevice", "spin", "protected", "while (true) {}"));
        try (Session3 s = session3(d, in(d, "methods/spin"))) {
            for (int i = 0; i < 5; i++) {
                s.publish(out(d, "methods/spin"), "1".getBytes(StandardCharsets.UTF_8), MqttQos.AT_MOST_ONCE);
            }
            s.publish(out(d, "properties/temperature"), "22");
            assertThat(admin.get("/v3/data/devices/" + d.id())
                            .body()
                            .get("temperature")
                            .asDouble())
                    .isEqualTo(22.0);
            JsonNode answer = s.next().body();
            assertThat(answer.get(0).get("code").asText()).isIn("MethodTimeout", "MethodDisabled", "MethodFailed");
            assertThat(s.client().getState().isConnected()).isTrue();
        }
    }

    @Test
    void resultThatIsNotJson_andBadBuiltinArguments_failTheCall_notTheSession() {
        Dev d = device(profile(
                "ConnectedDevice",
                "fn",
                "protected",
                "return function () {};",
                "cycle",
                "protected",
                "let a = {}; a.a = a; return a;",
                "badarg",
                "protected",
                "return this.setProperty(42);"));
        try (Session3 s = session3(d, in(d, "methods/#"))) {
            for (String m : new String[] {"fn", "cycle", "badarg"}) {
                s.publish(out(d, "methods/" + m), "1");
                JsonNode answer = s.next().body();
                assertThat(answer.isArray()).as(m).isTrue();
            }
            assertThat(s.client().getState().isConnected()).isTrue();
        }
    }

    @Test
    void aMethodNamedJson_isTheBatchTopic_andATopicWithMoreLevels_isNotAConnioTopic() {
        Dev d = device(profile("ConnectedDevice", "count", "protected", "return 1;"));
        var c = session5(d);
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/count/extra"), "1"))
                .isEqualTo("TOPIC_NAME_INVALID");
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/json"), "7")).isEqualTo("PAYLOAD_FORMAT_INVALID");
        c.disconnect();
        assertThat(instance(d, "count").get("stats").get("count").asInt()).isZero();
    }
}
