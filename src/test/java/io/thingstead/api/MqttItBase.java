package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Shared fixture of the MQTT integration tests: one server with MQTT, the test profiles, MQTT 3.1.1 clients. */
abstract class MqttItBase {
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.withMqtt();
        admin = server.admin();
        Fixtures.profile(
                admin,
                "/v3",
                "MqSensor",
                "ConnectedDevice",
                "{'name':'temperature','type':'number','access':'public','publish':'always',"
                        + "'boundaries':{'min':-50,'max':80}}");
        Fixtures.profile(admin, "/v3", "MqHub", "Gateway");
        Fixtures.profile(
                admin,
                "/v3",
                "MqValve",
                "ConnectedDevice",
                "{'name':'position','type':'number','access':'public','publish':'changed'}");
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
        return MqttItSupport.connect3(server, d);
    }

    static void publish(Mqtt3BlockingClient c, String topic, String payload) {
        c.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    /** Waits (5 s at most) until the device log holds every text. */
    static void awaitLogged(String deviceId, String... texts) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(admin.get("/v3/devices/" + deviceId + "/logs?pageSize=50")
                                .raw())
                        .contains(texts));
    }

    static JsonNode flat(String id) {
        return admin.get("/v3/data/devices/" + id).body();
    }
}
