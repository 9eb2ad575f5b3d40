package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.mqtt.Delivery;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packet flow with raw sockets (README: MQTT): a QoS 1 re-send with DUP=1 that reuses an
 * acknowledged packet id is a new publication, and a first packet other than CONNECT ends the
 * connection without HiveMQ's 10 s wait (at once when HiveMQ can read it whole, else at the
 * configured CONNECT timeout).
 */
class MqttPacketFlowIT {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.configured(
                InstantSource.system(), c -> c.withMqttDelivery(Delivery.DEFAULT.withConnectTimeout(CONNECT_TIMEOUT)));
        admin = server.admin();
        Fixtures.profile(
                admin, "/v3", "FlowSensor", "ConnectedDevice", "{'name':'temp','type':'number','access':'public'}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Socket connected(Dev d) throws IOException {
        Socket s = RawMqtt.socket(server.mqttPort());
        assertThat(RawMqtt.connack(s, RawMqtt.connect(d.id(), d.keyId(), d.secret(), null, 30)))
                .isZero();
        return s;
    }

    @Test
    void dupResend_ofAnAcknowledgedPacketId_isAcknowledgedAndStored_asANewPublication() throws IOException {
        Dev d = MqttItSupport.device(admin, "FlowSensor");
        String topic = "connio/data/out/devices/" + d.id() + "/properties/temp";
        try (Socket s = connected(d)) {
            s.getOutputStream().write(RawMqtt.publish(topic, "1", 1, 7, false));
            assertThat(RawMqtt.pubackId(RawMqtt.read(s))).isEqualTo(7);
            s.getOutputStream().write(RawMqtt.publish(topic, "2", 1, 7, true));
            assertThat(RawMqtt.pubackId(RawMqtt.read(s)))
                    .as("the DUP re-send is acknowledged")
                    .isEqualTo(7);
            s.getOutputStream().write(RawMqtt.publish(topic, "3", 1, 7, true));
            assertThat(RawMqtt.pubackId(RawMqtt.read(s))).isEqualTo(7);
        }
        assertThat(DataItSupport.values(admin, d.id(), "temp"))
                .extracting(JsonNode::intValue)
                .containsExactly(1, 2, 3);
    }

    @Test
    void aRefusedPublish_isAcknowledged_andADupResendOfItsIdToo() throws IOException {
        Dev d = MqttItSupport.device(admin, "FlowSensor");
        String topic = "connio/data/out/devices/" + d.id() + "/properties/temp";
        try (Socket s = connected(d)) {
            s.getOutputStream().write(RawMqtt.publish(topic, "not json", 1, 9, false));
            assertThat(RawMqtt.pubackId(RawMqtt.read(s))).isEqualTo(9);
            s.getOutputStream().write(RawMqtt.publish(topic, "4", 1, 9, true));
            assertThat(RawMqtt.pubackId(RawMqtt.read(s))).isEqualTo(9);
        }
        assertThat(DataItSupport.values(admin, d.id(), "temp"))
                .extracting(JsonNode::intValue)
                .containsExactly(4);
    }

    /** How long the broker takes to close a connection whose first packet is {@code first}. */
    static Duration closedAfter(byte[] first) throws IOException {
        try (Socket s = RawMqtt.socket(server.mqttPort())) {
            s.setSoTimeout(15_000);
            long start = System.nanoTime();
            s.getOutputStream().write(first);
            assertThat(RawMqtt.read(s)).as("nothing is answered").isNull();
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    @Test
    void aFirstPacketOtherThanConnect_readWhole_closesTheConnectionAtOnce() throws IOException {
        byte[] publish = RawMqtt.publish("connio/data/out/devices/x/properties/temp", "21.5", 1, 1, false);
        byte[] subscribe = {(byte) 0x82, 9, 0, 1, 0, 4, 'a', '/', 'b', 'c', 1};
        assertThat(closedAfter(publish)).isLessThan(Duration.ofSeconds(1));
        assertThat(closedAfter(subscribe)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aShortOrPartialFirstPacketOtherThanConnect_isClosedAtTheConnectTimeout_notAfterTenSeconds()
            throws IOException {
        byte[] pingreq = {(byte) 0xC0, 0};
        byte[] partial = {0x30, 0x40, 0, 3, 'a', '/', 'b'};
        for (byte[] first : new byte[][] {pingreq, partial}) {
            assertThat(closedAfter(first)).isBetween(CONNECT_TIMEOUT.minusMillis(500), CONNECT_TIMEOUT.plusSeconds(2));
        }
    }
}
