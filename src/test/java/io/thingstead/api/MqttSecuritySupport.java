package io.thingstead.api;

import static io.thingstead.api.MqttItSupport.auth;
import static io.thingstead.api.MqttItSupport.client3;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
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

    /** A new API client of the caller's account with these scopes; its key. */
    static Http.Key apiClient(Http admin, List<String> scopes) {
        return Http.Key.of(newApiClient(admin, scopes).get("apikey"));
    }

    /** A new API client of the caller's account with these scopes, as created (with its {@code apikey}). */
    static JsonNode newApiClient(Http admin, List<String> scopes) {
        return Fixtures.apiClient(admin, "/v3", null, scopes);
    }

    /** A device of a new sub-account of the caller's account (profile ConnectedDevice), with its key. */
    static Dev deviceOfAnotherAccount(Http admin) {
        return deviceIn(admin, Fixtures.subAccount(admin), "ConnectedDevice");
    }

    /** A device of the account (one the caller reaches), with its key. */
    static Dev deviceIn(Http as, String accountId, String profile) {
        return MqttItSupport.device(as, "/v3/accounts/" + accountId, profile);
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
