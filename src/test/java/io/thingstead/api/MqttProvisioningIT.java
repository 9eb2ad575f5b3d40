package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connio's MQTT provisioning (docs/connio.md: Provisioning) across accounts: an account key reaches sub-accounts with subaccount:read. */
class MqttProvisioningIT {
    static final AtomicInteger SEQ = new AtomicInteger();
    static TestServer server;
    static Http admin;
    static String subAccount;
    static String mainAccount;
    static Mqtt3BlockingClient lastClient;

    @BeforeAll
    static void start() {
        server = TestServer.withMqtt();
        admin = server.admin();
        subAccount = Fixtures.subAccount(admin);
        mainAccount = admin.get("/v3/accounts/_this_").text("id");
        Fixtures.profile(
                admin,
                "/v3",
                "PvSensor",
                "ConnectedDevice",
                "{'name':'temperature','type':'number','access':'public'}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A device with a MAC address in the account, and that MAC. */
    static String[] deviceWithMac(String accountId, String profile) {
        String mac = "3c:15:d2:ec:ac:" + (10 + SEQ.incrementAndGet());
        ObjectNode body = Fixtures.deviceBody("prov" + SEQ.incrementAndGet(), profile);
        body.putObject("customIds").put("mac", mac);
        String id = Fixtures.id(Fixtures.device(admin, "/v3/accounts/" + accountId, body));
        return new String[] {id, mac};
    }

    /** Provisions over MQTT with an API client of the main account holding {@code scopes}; returns the answer. */
    static JsonNode provision(List<String> scopes, String request) throws Exception {
        return provision(Map.of("name", "prov" + SEQ.incrementAndGet(), "scope", scopes), request);
    }

    /** Provisions over MQTT with an API client of the main account made from {@code clientBody}. */
    static JsonNode provision(Map<String, Object> clientBody, String request) throws Exception {
        JsonNode client = admin.post("/v3/apiclients", clientBody).body();
        String clientId = "_???_" + SEQ.incrementAndGet();
        Mqtt3BlockingClient c =
                MqttItSupport.client(server, clientId).useMqttVersion3().buildBlocking();
        lastClient = c;
        c.connect(MqttItSupport.auth(
                client.get("apikey").get("id").asText(),
                client.get("apikey").get("secret").asText()));
        try (var publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(MqttItSupport.subackOf(c, "connio/provisions/" + clientId))
                    .doesNotContain(Mqtt3SubAckReturnCode.FAILURE);
            // Another client's answers are not for this one.
            assertThat(MqttItSupport.subackOf(c, "connio/provisions/_???_other"))
                    .containsExactly(Mqtt3SubAckReturnCode.FAILURE);
            c.publishWith()
                    .topic("connio/provisions")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(request.getBytes(StandardCharsets.UTF_8))
                    .send();
            Optional<Mqtt3Publish> got = publishes.receive(5, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            return Http.JSON.readTree(got.get().getPayloadAsBytes());
        }
    }

    @Test
    void answersWithTheDeviceKeyAndConfigProperty_thenClosesTheSession() throws Exception {
        String[] device = deviceWithMac(mainAccount, "PvSensor");
        var written = admin.post(
                "/v3/data/devices/" + device[0] + "/properties/temperature", Map.of("dps", List.of(Map.of("v", 4))));
        assertThat(written.raw()).contains("\"accepted\":1");

        JsonNode answer =
                provision(List.of("device:read"), "{\"mac\":\"" + device[1] + "\",\"configProperty\":\"temperature\"}");

        JsonNode key = Fixtures.apikey(admin, "/v3", device[0]);
        assertThat(answer.get("deviceId").asText()).isEqualTo(device[0]);
        assertThat(answer.get("apiKeyId").asText()).isEqualTo(key.get("id").asText());
        assertThat(answer.get("apiSecret").asText()).isEqualTo(key.get("secret").asText());
        assertThat(answer.get("temperature").asDouble()).isEqualTo(4.0);
        Mqtt3BlockingClient c = lastClient;
        await().atMost(Duration.ofSeconds(5)).until(() -> !c.getState().isConnected());
        // The device connects with what it was given.
        Mqtt3BlockingClient provisioned =
                MqttItSupport.client(server, device[0]).useMqttVersion3().buildBlocking();
        provisioned.connect(MqttItSupport.auth(
                answer.get("apiKeyId").asText(), answer.get("apiSecret").asText()));
        provisioned.disconnect();
    }

    @Test
    void withSubaccountRead_aDeviceOfASubAccountIsFound() throws Exception {
        String[] device = deviceWithMac(subAccount, "ConnectedDevice");

        JsonNode answer = provision(List.of("device:read", "subaccount:read"), "{\"mac\":\"" + device[1] + "\"}");

        JsonNode key = Fixtures.apikey(admin, "/v3/accounts/" + subAccount, device[0]);
        assertThat(answer.get("deviceId").asText()).isEqualTo(device[0]);
        assertThat(answer.get("apiKeyId").asText()).isEqualTo(key.get("id").asText());
        assertThat(answer.get("apiSecret").asText()).isEqualTo(key.get("secret").asText());
    }

    @Test
    void withoutSubaccountRead_onlyTheKeysOwnAccountIsSearched() throws Exception {
        String[] device = deviceWithMac(subAccount, "ConnectedDevice");

        JsonNode answer = provision(List.of("device:read"), "{\"mac\":\"" + device[1] + "\"}");

        assertThat(answer.get("error").asText()).isEqualTo("ResourceNotFound");
        assertThat(answer.has("apiSecret")).isFalse();
    }

    @Test
    void aKeyListingOnlyASubAccount_neverFindsDevicesOfTheMasterAccount() throws Exception {
        String[] master = deviceWithMac(mainAccount, "ConnectedDevice");
        String[] sub = deviceWithMac(subAccount, "ConnectedDevice");
        Map<String, Object> client = Map.of(
                "name",
                "prov" + SEQ.incrementAndGet(),
                "context",
                Map.of("type", "account", "ids", List.of(subAccount)),
                "scope",
                List.of("device:read", "subaccount:read"));

        JsonNode refused = provision(client, "{\"mac\":\"" + master[1] + "\"}");
        JsonNode found = provision(
                Map.of(
                        "name",
                        "prov" + SEQ.incrementAndGet(),
                        "context",
                        client.get("context"),
                        "scope",
                        client.get("scope")),
                "{\"mac\":\"" + sub[1] + "\"}");

        assertThat(refused.get("error").asText()).isEqualTo("ResourceNotFound");
        assertThat(refused.has("apiSecret")).isFalse();
        assertThat(found.get("deviceId").asText()).isEqualTo(sub[0]);
    }
}
