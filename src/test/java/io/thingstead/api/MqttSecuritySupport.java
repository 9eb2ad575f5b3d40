package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Helpers of the MQTT security tests. Absence is shown with a marker: the victim's subscriber must
 * receive a legitimate message sent after the attack as its next (first) message.
 */
final class MqttSecuritySupport {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private MqttSecuritySupport() {}

    /** A CONNECT with user name and password. */
    static Mqtt3Connect auth(String user, String secret) {
        return Mqtt3Connect.builder()
                .simpleAuth()
                .username(user)
                .password(secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .build();
    }

    static Mqtt3Connect auth(Dev d) {
        return auth(d.keyId(), d.secret());
    }

    /** Connects; SUCCESS (and the client is connected) or the CONNACK code of the refusal. */
    static Mqtt3ConnAckReturnCode connectCode(Mqtt3BlockingClient c, Mqtt3Connect connect) {
        try {
            c.connect(connect);
            return Mqtt3ConnAckReturnCode.SUCCESS;
        } catch (Mqtt3ConnAckException e) {
            return e.getMqttMessage().getReturnCode();
        }
    }

    static Mqtt5ConnAckReasonCode connectCode(Mqtt5BlockingClient c, Mqtt5Connect connect) {
        try {
            c.connect(connect);
            return Mqtt5ConnAckReasonCode.SUCCESS;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    static Mqtt5BlockingClient client5(TestServer server, String clientId) {
        return MqttItSupport.client(server, clientId).useMqttVersion5().buildBlocking();
    }

    static Mqtt3BlockingClient client3(TestServer server, String clientId) {
        return MqttItSupport.client(server, clientId).useMqttVersion3().buildBlocking();
    }

    /** A new API client of the caller's account with these scopes; its key. */
    static Http.Key apiClient(Http admin, List<String> scopes) {
        return Http.Key.of(newApiClient(admin, scopes).get("apikey"));
    }

    /** A new API client of the caller's account with these scopes, as created (with its {@code apikey}). */
    static JsonNode newApiClient(Http admin, List<String> scopes) {
        return admin.post("/v3/apiclients", Map.of("name", "sec" + SEQ.incrementAndGet(), "scope", scopes))
                .body();
    }

    /** A device of a new sub-account of the caller's account (profile ConnectedDevice), with its key. */
    static Dev deviceOfAnotherAccount(Http admin) {
        String sub = admin.post("/v3/accounts", Map.of("name", "secsub" + SEQ.incrementAndGet()))
                .text("id");
        return deviceIn(admin, sub, "ConnectedDevice");
    }

    /** A device of the account (one the caller reaches), with its key. */
    static Dev deviceIn(Http as, String accountId, String profile) {
        String prefix = "/v3/accounts/" + accountId + "/devices";
        String id = as.post(prefix, Map.of("name", "secdev" + SEQ.incrementAndGet(), "profile", profile))
                .text("id");
        JsonNode key = as.get(prefix + "/" + id + "/apikey").body();
        return new Dev(id, key.get("id").asText(), key.get("secret").asText());
    }

    /** A connected subscriber and everything it receives. */
    static final class Inbox implements AutoCloseable {
        final Mqtt3BlockingClient client;
        private final Mqtt3BlockingClient.Mqtt3Publishes publishes;

        /** {@code client} is connected; each filter must be granted. */
        Inbox(Mqtt3BlockingClient client, String... filters) {
            this.client = client;
            this.publishes = client.publishes(MqttGlobalPublishFilter.ALL);
            for (String f : filters) {
                assertThat(MqttItSupport.subackOf(client, f)).as(f).doesNotContain(Mqtt3SubAckReturnCode.FAILURE);
            }
        }

        /** The device's own session, subscribed to its in-topics. */
        static Inbox of(TestServer server, Dev d) {
            Mqtt3BlockingClient c = client3(server, d.id());
            c.connect(auth(d));
            return new Inbox(c, "connio/data/in/devices/" + d.id() + "/#");
        }

        /** The next message, within 5 s. */
        Mqtt3Publish next() {
            try {
                return publishes.receive(5, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("nothing received"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /**
         * Writes a marker to the device's public {@code temperature} over REST (a push) and asserts
         * that it is the next message: nothing else reached this subscriber before it. Returns the
         * marker message as {@link #text}.
         */
        String receivesOnlyTheMarker(Http writer, String deviceId) {
            int marker = SEQ.incrementAndGet() % 50;
            var written = writer.post(
                    "/v3/data/devices/" + deviceId + "/properties/temperature",
                    Map.of("dps", List.of(Map.of("v", marker))));
            assertThat(written.raw()).contains("\"accepted\":1");
            String expected = "connio/data/in/devices/" + deviceId + "/properties/temperature " + marker;
            assertThat(text(next())).isEqualTo(expected);
            return expected;
        }

        static String text(Mqtt3Publish p) {
            return p.getTopic() + " " + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
        }

        /** Asks for a device's credentials (as a provisioning session) and returns the next message's JSON. */
        JsonNode provision(String deviceId) throws Exception {
            return ask("{\"id\":\"" + deviceId + "\"}");
        }

        /** Publishes a provisioning request and returns the next message's JSON. */
        JsonNode ask(String request) throws Exception {
            client.publishWith()
                    .topic("connio/provisions")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(request.getBytes(StandardCharsets.UTF_8))
                    .send();
            return Http.JSON.readTree(next().getPayloadAsBytes());
        }

        @Override
        public void close() {
            publishes.close();
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        }
    }

    /** A provisioning session of an API client's key, subscribed to its answer topic. */
    static Inbox provisioningInbox(TestServer server, Http.Key key, String clientId) {
        Mqtt3BlockingClient c = client3(server, clientId);
        c.connect(auth(key.id(), key.secret()));
        return new Inbox(c, "connio/provisions/" + clientId);
    }
}
