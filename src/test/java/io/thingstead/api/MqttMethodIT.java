package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.api.MqttItSupport.Dev;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Method calls over MQTT by the device itself and by its gateway (docs/methods.md: Calls over MQTT). */
class MqttMethodIT extends MqttMethodItBase {
    @Test
    void rawValue_callsTheMethod_andTheResultComesOnTheInTopic() {
        Dev d = device(profile("ConnectedDevice", "double", "protected", "return value * 2;"));
        try (Session3 s = session3(d, in(d, "methods/#"))) {
            s.publish(out(d, "methods/double"), "7");
            Message m = s.next();
            assertThat(m.topic()).isEqualTo(in(d, "methods/double"));
            assertThat(m.body().get("result").asInt()).isEqualTo(14);
        }
        assertThat(instance(d, "double").get("stats").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void referenceExample_writesThroughThePipeline_asTheDevice() {
        Dev d = device(profile("ConnectedDevice", "setTemperature", "protected", MethodItSupport.SET_TEMPERATURE));
        try (Session3 s = session3(d, in(d, "methods/settemperature"))) {
            s.publish(out(d, "methods/settemperature"), "212");
            JsonNode answer = s.next().body();
            assertThat(answer.has("result")).as(answer.toString()).isTrue();
            assertThat(answer.get("result").asDouble()).isEqualTo(373.15);
        }
        JsonNode flat = admin.get("/v3/data/devices/" + d.id()).body();
        assertThat(flat.get("temperature").asDouble()).isEqualTo(373.15);
    }

    @Test
    void textThatIsNotJson_isTheArgumentAsAString_andNoPayloadIsNull() {
        Dev d = device(profile("Device", "echo", "protected", "return {got: value};"));
        try (Session3 s = session3(d, in(d, "methods/echo"))) {
            s.publish(out(d, "methods/echo"), "motion at door 3");
            assertThat(s.next().body().get("result").get("got").asText()).isEqualTo("motion at door 3");
            s.publish(out(d, "methods/echo"), "");
            assertThat(s.next().body().get("result").get("got").isNull()).isTrue();
            s.publish(out(d, "methods/echo"), "{\"a\":[1,2]}");
            assertThat(s.next().body().get("result").get("got").get("a").get(1).asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void batch_runsEachCallInOrder_andAnswersThemAllOnMethodsJson() {
        String profile = profile(
                "Device", "inc", "protected", "return value + 1;", "pair", "public", "return [value[1], value[0]];");
        Dev d = device(profile);
        try (Session3 s = session3(d, in(d, "methods/json"))) {
            s.publish(
                    out(d, "methods/json"),
                    "{\"dps\":[{\"method\":\"inc\",\"value\":6},{\"method\":\"pair\",\"value\":[7,4]},"
                            + "{\"method\":\"nosuch\",\"value\":1},{\"method\":\"inc\"}]}");
            Message m = s.next();
            assertThat(m.topic()).isEqualTo(in(d, "methods/json"));
            JsonNode dps = m.body().get("dps");
            assertThat(dps).hasSize(4);
            assertThat(dps.get(0).get("method").asText()).isEqualTo("inc");
            assertThat(dps.get(0).get("result").asInt()).isEqualTo(7);
            assertThat(dps.get(1).get("result").toString()).isEqualTo("[4,7]");
            assertThat(dps.get(2).get("error").get(0).get("code").asText()).isEqualTo("ResourceNotFound");
            assertThat(dps.get(3).get("result").asInt()).isEqualTo(1);
        }
        awaitLogged(d.id(), "Method call 'nosuch' over MQTT refused");
    }

    @Test
    void mqtt5_pubackCarriesTheOutcome_successOrTheErrorsReasonCode() {
        Dev d = device(profile(
                "Device",
                "ok",
                "protected",
                "return 1;",
                "hidden",
                "private",
                "return 2;",
                "boom",
                "protected",
                "throw new Error('kaput');"));
        var c = session5(d);
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/ok"), "1")).isEqualTo("SUCCESS");
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/hidden"), "1")).isEqualTo("NOT_AUTHORIZED");
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/nosuch"), "1")).isEqualTo("PAYLOAD_FORMAT_INVALID");
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/boom"), "1")).isEqualTo("PAYLOAD_FORMAT_INVALID");
        // the throw quarantined it: the next call is refused
        assertThat(MqttItSupport.pubackCode(c, out(d, "methods/boom"), "1")).isEqualTo("NOT_AUTHORIZED");
        assertThat(c.getState().isConnected()).isTrue();
        c.disconnect();
        awaitLogged(d.id(), "kaput", "'hidden' is private", "is disabled on device");
        assertThat(instance(d, "boom").get("disabled").asBoolean()).isTrue();
    }

    @Test
    void gateway_callsItsEdgeDevicesMethods_andGetsTheAnswer() {
        Dev edge = device(profile("ConnectedDevice", "where", "protected", "return 'edge ' + value;"));
        Dev gateway = device(profile("Gateway"));
        MqttItSupport.listEdges(admin, gateway, edge);
        try (Session3 s = session3(gateway, in(edge, "methods/#"))) {
            s.publish(out(edge, "methods/where"), "\"here\"");
            Message m = s.next();
            assertThat(m.topic()).isEqualTo(in(edge, "methods/where"));
            assertThat(m.body().get("result").asText()).isEqualTo("edge here");
        }
    }

    @Test
    void otherDevicesIds_areNotAuthorized_andTheirMethodsDoNotRun() {
        String profile = profile(
                "ConnectedDevice",
                "touch",
                "public",
                "return this.setProperty('temperature', "
                        + "{value: 1, time: new Date().toISOString()}).then(p => p.value);");
        Dev victim = device(profile);
        Dev other = device(profile);
        Dev gateway = device(profile("Gateway"));
        MqttItSupport.listEdges(admin, gateway, other);
        var fromDevice = session5(other);
        var fromGateway = session5(gateway);
        assertThat(MqttItSupport.pubackCode(fromDevice, out(victim, "methods/touch"), "1"))
                .isEqualTo("NOT_AUTHORIZED");
        assertThat(MqttItSupport.pubackCode(fromGateway, out(victim, "methods/touch"), "1"))
                .isEqualTo("NOT_AUTHORIZED");
        assertThat(MqttItSupport.pubackCode(
                        fromGateway, out(victim, "methods/json"), "{\"dps\":[{\"method\":\"touch\"}]}"))
                .isEqualTo("NOT_AUTHORIZED");
        fromDevice.disconnect();
        fromGateway.disconnect();
        awaitLogged(other.id(), "the key does not reach that device");
        assertThat(instance(victim, "touch").get("stats").get("count").asInt()).isZero();
        assertThat(admin.get("/v3/data/devices/" + victim.id()).body().has("temperature"))
                .isFalse();
    }

    @Test
    void answers_goOnlyToTheCallingSession_notToOtherSubscribersOfTheDevice() {
        Dev edge = device(profile("ConnectedDevice", "ping", "protected", "return 'pong ' + value;"));
        Dev gateway = device(profile("Gateway"));
        MqttItSupport.listEdges(admin, gateway, edge);
        try (Session3 own = session3(edge, in(edge, "#"));
                Session3 gw = session3(gateway, in(edge, "#"))) {
            gw.publish(out(edge, "methods/ping"), "1");
            assertThat(gw.next().body().get("result").asText()).isEqualTo("pong 1");
            own.publish(out(edge, "methods/ping"), "2");
            assertThat(own.next().body().get("result").asText()).isEqualTo("pong 2");
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> gw.received().receiveNow().isEmpty());
        }
    }
}
