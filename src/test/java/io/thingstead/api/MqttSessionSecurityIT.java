package io.thingstead.api;

import static io.thingstead.api.MqttItSupport.auth;
import static io.thingstead.api.MqttItSupport.client3;
import static io.thingstead.api.MqttItSupport.connectCode;
import static io.thingstead.api.MqttSecuritySupport.deviceIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.api.MqttSecuritySupport.Inbox;
import io.thingstead.testing.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sessions end when what they rest on stops being usable: an account suspended, closed or deleted
 * (with its sub-accounts), an API client deleted. A key that may no longer provision gets no key;
 * a provisioning session asks once and is never kept past its connection.
 */
class MqttSessionSecurityIT extends MqttItBase {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A sub-account with its admin and a sub-account of its own, each with live sessions. */
    record Tenant(String id, Dev device, List<Mqtt3BlockingClient> sessions) {
        void awaitAllDisconnected() {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> sessions.stream().noneMatch(c -> c.getState().isConnected()));
        }
    }

    /** Device, gateway (listing the device), provisioning and sub-sub-account device sessions. */
    static Tenant tenant() {
        JsonNode sub = admin.post(
                        "/v3/accounts",
                        Map.of(
                                "name",
                                "mqten" + SEQ.incrementAndGet(),
                                "user",
                                Map.of("name", "Tenant admin", "email", "mqten" + System.nanoTime() + "@example.com")))
                .body();
        String id = sub.get("id").asText();
        Http subAdmin = admin.as(sub.get("apikey"));
        String subSub = subAdmin.post("/v3/accounts", Map.of("name", "mqtensub" + SEQ.incrementAndGet()))
                .text("id");
        Dev device = deviceIn(admin, id, "ConnectedDevice");
        Dev gateway = deviceIn(admin, id, "Gateway");
        MqttItSupport.listEdges(subAdmin, gateway, device);
        Dev deep = deviceIn(subAdmin, subSub, "ConnectedDevice");
        Http.Key provisioner = MqttSecuritySupport.apiClient(subAdmin, List.of("device:read"));
        Mqtt3BlockingClient provisioning = client3(server, "_???_ten" + SEQ.incrementAndGet());
        provisioning.connect(auth(provisioner.id(), provisioner.secret()));
        List<Mqtt3BlockingClient> sessions = new ArrayList<>(List.of(connect(device), connect(gateway), connect(deep)));
        sessions.add(provisioning);
        return new Tenant(id, device, sessions);
    }

    @Test
    void suspendingAnAccount_endsEverySessionOfItAndItsSubAccounts_reopeningLetsThemConnectAgain() {
        Tenant t = tenant();
        Mqtt3BlockingClient bystander = connect(device("MqSensor"));

        assertThat(admin.put("/v3/accounts/" + t.id(), Map.of("status", "suspended"))
                        .status())
                .isEqualTo(200);
        t.awaitAllDisconnected();
        assertThat(bystander.getState().isConnected()).isTrue();
        assertThat(connectCode(client(t.device().id()), MqttItSupport.auth(t.device())))
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);

        admin.put("/v3/accounts/" + t.id(), Map.of("status", "open"));
        Mqtt3BlockingClient again = connect(t.device());
        assertThat(again.getState().isConnected()).isTrue();
        again.disconnect();
        bystander.disconnect();
    }

    @Test
    void closingAnAccount_endsEverySessionOfItAndItsSubAccounts() {
        Tenant t = tenant();
        assertThat(admin.delete("/v3/accounts/" + t.id()).status()).isEqualTo(200);
        t.awaitAllDisconnected();
    }

    @Test
    void hardDeletingAnAccount_endsEverySessionOfItAndItsSubAccounts() {
        Tenant t = tenant();
        assertThat(admin.delete("/v3/accounts/" + t.id() + "?hard=true").status())
                .isEqualTo(200);
        t.awaitAllDisconnected();
    }

    @Test
    void deletingTheApiClient_endsItsProvisioningSession() {
        JsonNode client = MqttSecuritySupport.newApiClient(admin, List.of("device:read"));
        Http.Key key = Http.Key.of(client.get("apikey"));
        try (Inbox inbox = MqttSecuritySupport.provisioningInbox(server, key, "_???_gone")) {
            admin.delete("/v3/apiclients/" + client.get("id").asText());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !inbox.client.getState().isConnected());
        }
    }

    @Test
    void apiClientKeyThatLostDeviceRead_getsAnErrorAnswer_notADeviceKey() throws Exception {
        Dev wanted = device("MqSensor");
        JsonNode client = MqttSecuritySupport.newApiClient(admin, List.of("device:read"));
        Http.Key key = Http.Key.of(client.get("apikey"));
        try (Inbox inbox = MqttSecuritySupport.provisioningInbox(server, key, "_???_rescoped")) {
            admin.put(
                    "/v3/apiclients/" + client.get("id").asText() + "/apikey",
                    Map.of("scope", List.of("device:read-data")));
            JsonNode answer = inbox.provision(wanted.id());
            assertThat(answer.get("error").asText()).isEqualTo("Unauthorized");
            assertThat(answer.has("apiSecret")).isFalse();
        }
    }

    @Test
    void provisioningSession_asksOnce_aSecondRequestIsRefused_andOneAnswerComes() throws Exception {
        Dev wanted = device("MqSensor");
        Dev other = device("MqSensor");
        Http.Key key = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        Mqtt5BlockingClient c = MqttItSupport.client5(server, "_???_once");
        c.connect(MqttItSupport.auth5(key.id(), key.secret()));
        List<Mqtt5Publish> received = new CopyOnWriteArrayList<>();
        c.toAsync().publishes(MqttGlobalPublishFilter.ALL, received::add);
        c.subscribeWith().topicFilter("connio/provisions/_???_once").send();
        assertThat(MqttItSupport.pubackCode(c, "connio/provisions", "{\"id\":\"" + wanted.id() + "\"}"))
                .isEqualTo("SUCCESS");
        assertThat(MqttItSupport.pubackCode(c, "connio/provisions", "{\"id\":\"" + other.id() + "\"}"))
                .isEqualTo("QUOTA_EXCEEDED");
        // The broker closes the session after the answer; a second answer would have come before.
        await().atMost(Duration.ofSeconds(5)).until(() -> !c.getState().isConnected());
        assertThat(received).hasSize(1);
        assertThat(Http.JSON
                        .readTree(received.get(0).getPayloadAsBytes())
                        .get("deviceId")
                        .asText())
                .isEqualTo(wanted.id());
    }

    @Test
    void oversizedProvisioningRequest_isAnsweredWithAnError() throws Exception {
        Http.Key key = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        try (Inbox inbox = MqttSecuritySupport.provisioningInbox(server, key, "_???_big")) {
            JsonNode answer = inbox.ask("{\"mac\":\"" + "a".repeat(5000) + "\"}");
            assertThat(answer.get("error").asText()).isEqualTo("ValidationFailed");
        }
    }

    /** Provisioning requests are read by the rule REST bodies follow: strict JSON, known fields. */
    static Stream<Arguments> badProvisioningRequests() {
        return Stream.of(
                Arguments.of("{\"mca\":\"3c:15:d2:ec:ac:01\"}", "ValidationFailed", "did you mean 'mac'"),
                Arguments.of("{\"mac\":[\"3c:15:d2:ec:ac:01\"]}", "ValidationFailed", "'mac' must be a string"),
                Arguments.of("{\"mac\":\"a\",\"mac\":\"b\"}", "MalformedJson", "mac"),
                Arguments.of("[\"mac\"]", "ValidationFailed", "must be a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("badProvisioningRequests")
    void badProvisioningRequest_isAnsweredWithTheRestErrorCode_andNoKey(String request, String code, String part)
            throws Exception {
        Http.Key key = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        try (Inbox inbox = MqttSecuritySupport.provisioningInbox(server, key, "_???_bad" + SEQ.incrementAndGet())) {
            JsonNode answer = inbox.ask(request);
            assertThat(answer.get("error").asText()).as(request).isEqualTo(code);
            assertThat(answer.get("message").asText()).as(request).contains(part);
            assertThat(answer.has("apiSecret")).isFalse();
        }
    }

    @Test
    void provisioningSession_isNeverKeptPastItsConnection() {
        Http.Key key = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        Mqtt3BlockingClient c = client3(server, "_???_kept");
        for (int i = 0; i < 2; i++) {
            var connack = c.connect(
                    auth(key.id(), key.secret()).extend().cleanSession(false).build());
            assertThat(connack.isSessionPresent()).isFalse();
            assertThat(MqttItSupport.subackOf(c, "connio/provisions/_???_kept"))
                    .doesNotContain(Mqtt3SubAckReturnCode.FAILURE);
            c.disconnect();
        }
    }
}
