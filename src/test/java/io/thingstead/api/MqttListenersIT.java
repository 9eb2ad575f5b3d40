package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import io.thingstead.app.Config;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestKeystore;
import io.thingstead.testing.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over TLS and over WebSocket, configured by flag, with a real client. */
class MqttListenersIT {
    static final String PASSWORD = "keystore-secret";

    @TempDir
    static Path dir;

    static TestServer server;
    static Http admin;
    static Path keystore;
    static int tlsPort;
    static int wsPort;

    @BeforeAll
    static void start() throws Exception {
        keystore = TestKeystore.create(dir, PASSWORD);
        // port 0: each listener on a free port, as the plain MQTT one
        server = TestServer.withMqtt(new Config.MqttListeners(0, keystore, PASSWORD, 0));
        tlsPort = server.mqttTlsPort();
        wsPort = server.mqttWsPort();
        assertThat(tlsPort).isPositive().isNotEqualTo(wsPort).isNotEqualTo(server.mqttPort());
        admin = server.admin();
        Fixtures.profile(admin, "/v3", "Lsn", "ConnectedDevice", "{'name':'temperature','type':'number'}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void publishesThrough(int port, UnaryOperator<Mqtt3ClientBuilder> transport) {
        MqttItSupport.Dev d = MqttItSupport.device(admin, "Lsn");
        String id = d.id();
        Mqtt3BlockingClient c = transport
                .apply(MqttClient.builder()
                        .useMqttVersion3()
                        .identifier(id)
                        .serverHost("127.0.0.1")
                        .serverPort(port))
                .buildBlocking();
        c.connect(MqttItSupport.auth(d));
        c.publishWith()
                .topic("connio/data/out/devices/" + id + "/properties/temperature")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("17.5".getBytes(StandardCharsets.UTF_8))
                .send();
        assertThat(admin.get("/v3/data/devices/" + id).body().get("temperature").asDouble())
                .isEqualTo(17.5);
        c.disconnect();
    }

    @Test
    void tlsListener_acceptsDevices() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        publishesThrough(
                tlsPort,
                b -> b.sslConfig()
                        .trustManagerFactory(tmf)
                        .protocols(List.of("TLSv1.3", "TLSv1.2"))
                        .applySslConfig());
    }

    @Test
    void webSocketListener_acceptsDevices() {
        publishesThrough(wsPort, b -> b.webSocketConfig().serverPath("mqtt").applyWebSocketConfig());
    }
}
