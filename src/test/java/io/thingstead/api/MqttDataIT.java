package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.thingstead.api.MqttItSupport.Dev;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The MQTT endpoint with a real MQTT 3.1.1 client: the write pipeline, connection status, gateways, pushes. */
class MqttDataIT extends MqttItBase {
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

        awaitLogged(
                d.id(),
                "not valid JSON",
                "must be a number",
                "above the maximum",
                "nosuch",
                "dps",
                "Method call 'reboot'");
        c.disconnect();
    }

    @Test
    void payloadOver256KiB_isRejectedAndLogged_sessionStays() {
        Dev d = device("MqSensor");
        Mqtt3BlockingClient c = connect(d);
        String big = "\"" + "x".repeat(300 * 1024) + "\"";
        publish(c, "connio/data/out/devices/" + d.id() + "/properties/temperature", big);
        assertThat(c.getState().isConnected()).isTrue();
        awaitLogged(d.id(), "more than 262144");
        c.disconnect();
    }

    @Test
    void connecting_makesADeviceAndAGatewaysEdgeActive_andLogsIt_asRestTrafficDoes() {
        Dev d = MqttItSupport.device(admin, "MqSensor", 60);
        Dev gw = MqttItSupport.device(admin, "MqHub", 60);
        Dev edge = MqttItSupport.device(admin, "MqSensor", 60);
        MqttItSupport.listEdges(admin, gw, edge);
        Mqtt3BlockingClient own = connect(d);
        Mqtt3BlockingClient gateway = connect(gw);
        for (Dev x : List.of(d, gw, edge)) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> "active".equals(flat(x.id()).path("active").asText()));
            awaitLogged(x.id(), "\"type\":\"Activity\"", "active: traffic arrived");
        }
        own.disconnect();
        gateway.disconnect();
    }

    @Test
    void gateway_actsForItsEdges_andTheyFollowItsConnection() {
        Dev gw = device("MqHub");
        Dev e1 = device("MqSensor");
        Dev e2 = device("MqSensor");
        MqttItSupport.listEdges(admin, gw, e1);
        Mqtt3BlockingClient c = connect(gw);
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        "online".equals(flat(e1.id()).path("connectionStatus").asText()));
        assertThat(flat(e2.id()).has("connectionStatus")).isFalse();

        publish(c, "connio/data/out/devices/" + e1.id() + "/properties/temperature", "11");
        assertThat(flat(e1.id()).get("temperature").asDouble()).isEqualTo(11.0);
        assertThat(flat(e1.id()).get("active").asText()).isEqualTo("unknown");

        // An edge added to the live gateway's key follows it at once, and its topics open up.
        MqttItSupport.listEdges(admin, gw, e1, e2);
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
}
