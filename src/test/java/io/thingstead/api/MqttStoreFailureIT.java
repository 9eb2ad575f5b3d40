package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A publish whose points cannot be stored is never acknowledged (README: MQTT, what a PUBACK
 * means): MQTT 3.1.1 loses the connection instead of a PUBACK (the client sends it again on
 * reconnect), MQTT 5 gets PUBACK 0x80 and keeps its session. The store fails on purpose here.
 */
class MqttStoreFailureIT {
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.withFailingStore(c -> c);
        admin = server.admin();
        Fixtures.profile(
                admin, "/v3", "FragileSensor", "ConnectedDevice", "{'name':'temp','type':'number','access':'public'}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void storeWorksAgain() {
        server.store().failing(false);
    }

    static JsonNode stored(Dev d) {
        return admin.get("/v3/data/devices/" + d.id() + "/properties/temp?limit=100")
                .body();
    }

    @Test
    void mqtt311_aPublishThatCannotBeStored_getsNoPuback_andTheConnectionIsClosed() throws IOException {
        Dev d = MqttItSupport.device(admin, "FragileSensor");
        String topic = "connio/data/out/devices/" + d.id() + "/properties/temp";
        try (Socket s = RawMqtt.socket(server.mqttPort())) {
            assertThat(RawMqtt.connack(s, RawMqtt.connect(d.id(), d.keyId(), d.secret(), null, 30)))
                    .isZero();
            server.store().failing(true);
            s.getOutputStream().write(RawMqtt.publish(topic, "21.5", 1, 3, false));
            assertThat(RawMqtt.read(s)).as("closed, no PUBACK").isNull();
        }
        server.store().failing(false);
        assertThat(stored(d).get("sampleSize").intValue()).isZero();

        // The client sends it again once it is connected again, and now it is stored.
        try (Socket s = RawMqtt.socket(server.mqttPort())) {
            assertThat(RawMqtt.connack(s, RawMqtt.connect(d.id(), d.keyId(), d.secret(), null, 30)))
                    .isZero();
            s.getOutputStream().write(RawMqtt.publish(topic, "21.5", 1, 3, true));
            assertThat(RawMqtt.pubackId(RawMqtt.read(s))).isEqualTo(3);
        }
        assertThat(stored(d).get("sampleSize").intValue()).isEqualTo(1);
    }

    @Test
    void mqtt5_aPublishThatCannotBeStored_getsPuback0x80_andTheSessionStays() {
        Dev d = MqttItSupport.device(admin, "FragileSensor");
        String topic = "connio/data/out/devices/" + d.id() + "/properties/temp";
        Mqtt5BlockingClient c = MqttItSupport.connect5(server, d);
        server.store().failing(true);
        assertThat(MqttItSupport.pubackCode(c, topic, "21.5")).isEqualTo("UNSPECIFIED_ERROR");
        assertThat(c.getState().isConnected()).isTrue();

        server.store().failing(false);
        assertThat(MqttItSupport.pubackCode(c, topic, "22.5")).isEqualTo("SUCCESS");
        assertThat(stored(d).get("results").get(0).get("values").findValuesAsText("v"))
                .containsExactly("22.5");
        c.disconnect();
    }

    @Test
    void rest_aWriteThatCannotBeStored_is503_andNothingIsStored() {
        Dev d = MqttItSupport.device(admin, "FragileSensor");
        server.store().failing(true);
        var r = admin.post(
                "/v3/data/devices/" + d.id() + "/properties/temp", Map.of("dps", java.util.List.of(Map.of("v", 1))));
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        server.store().failing(false);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> stored(d).get("sampleSize").intValue() == 0);
    }
}
