package io.thingstead.api;

import static io.thingstead.api.MqttItSupport.auth;
import static io.thingstead.api.MqttItSupport.client3;
import static io.thingstead.api.MqttItSupport.connectCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.api.MqttSecuritySupport.Inbox;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may CONNECT with which client id: a device key as its own device only, an API client's key
 * for provisioning only, nobody else; odd client ids and credentials are refused with their
 * 3.1.1 codes (2 identifier rejected, 4 bad user name or password, 5 not authorized).
 */
class MqttConnectSecurityIT extends MqttItBase {
    static final int IDENTIFIER_REJECTED = 2;
    static final int BAD_CREDENTIALS = 4;

    /** The CONNACK code of a raw CONNECT (-1: the broker closed the connection instead). */
    static int rawConnack(String clientId, String user, String password) throws Exception {
        try (Socket raw = RawMqtt.socket(server.mqttPort())) {
            return RawMqtt.connack(raw, RawMqtt.connect(clientId, user, password, null, 60));
        }
    }

    static Mqtt3ConnAckReturnCode code(String clientId, Http.Key key) {
        return connectCode(client3(server, clientId), auth(key.id(), key.secret()));
    }

    static Http.Key key(Dev d) {
        return new Http.Key(d.keyId(), d.secret());
    }

    @Test
    void emptyOrOddClientIds_withAValidDeviceKey_areRejected() throws Exception {
        Dev d = device("MqSensor");
        for (String id : List.of("", d.id() + "x", d.id().toUpperCase(), " " + d.id(), d.id() + "/", "#", "+")) {
            assertThat(rawConnack(id, d.keyId(), d.secret())).as("'" + id + "'").isEqualTo(IDENTIFIER_REJECTED);
        }
        assertThat(rawConnack(d.id(), d.keyId(), d.secret())).isZero();
    }

    @Test
    void missingOrHalfCredentials_areRefused() throws Exception {
        Dev d = device("MqSensor");
        assertThat(rawConnack(d.id(), d.keyId(), null)).as("user name only").isEqualTo(BAD_CREDENTIALS);
        assertThat(rawConnack(d.id(), null, null)).as("no credentials").isEqualTo(BAD_CREDENTIALS);
        assertThat(rawConnack(d.id(), null, d.secret())).as("password only").isNotZero();
        assertThat(rawConnack(d.id(), d.id(), d.secret()))
                .as("device id as user name")
                .isEqualTo(BAD_CREDENTIALS);
    }

    @Test
    void keysOfOtherKinds_cannotConnectAsADevice() {
        Dev d = device("MqSensor");
        Http.Key apiClient = MqttSecuritySupport.apiClient(admin, List.of("device:read", "device:read-data"));
        // An API client whose key has the device's context and may write its data is still no device key.
        JsonNode client = MqttSecuritySupport.newApiClient(admin, List.of("device:read"));
        Http.Key deviceContext = Http.Key.of(client.get("apikey"));
        admin.put(
                "/v3/apiclients/" + client.get("id").asText() + "/apikey",
                Map.of(
                        "context",
                        Map.of("type", "device", "ids", List.of(d.id())),
                        "scope",
                        List.of("device:write-data")));
        List<Http.Key> keys =
                List.of(admin.key(), apiClient, deviceContext, server.sysadmin().key(), userKey("user"));
        for (Http.Key key : keys) {
            assertThat(code(d.id(), key)).as(key.id()).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        }
    }

    @Test
    void deviceKey_asItsGateway_gatewayKey_asItsEdge_orAsADeviceOfAnotherAccount_areRejected() {
        Dev gw = device("MqHub");
        Dev edge = device("MqSensor");
        Dev foreign = MqttSecuritySupport.deviceOfAnotherAccount(admin);
        MqttItSupport.listEdges(admin, gw, edge);
        assertThat(code(gw.id(), key(edge))).isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED);
        assertThat(code(edge.id(), key(gw))).isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED);
        assertThat(code(foreign.id(), key(edge))).isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED);
        assertThat(code(edge.id(), key(foreign))).isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED);
    }

    @Test
    void keyOfADeletedDevice_isRefused() {
        Dev d = device("MqSensor");
        admin.delete("/v3/devices/" + d.id());
        assertThat(code(d.id(), key(d))).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    }

    /** The key of a new user of the main account with the given role. */
    static Http.Key userKey(String role) {
        return Http.Key.of(Fixtures.userKey(admin, "/v3", role));
    }

    @Test
    void provisioning_takesOnlyAnApiClientsKeyWithDeviceRead_neverAUserKey() {
        Http.Key noScope = MqttSecuritySupport.apiClient(admin, List.of("device:read-data"));
        for (Http.Key key : List.of(
                admin.key(),
                userKey("admin"),
                userKey("user"),
                server.sysadmin().key(),
                noScope)) {
            assertThat(code("_???_prov", key)).as(key.id()).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        }
        Http.Key provisioner = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        Mqtt3BlockingClient ok = client3(server, "_???_prov");
        assertThat(connectCode(ok, auth(provisioner.id(), provisioner.secret())))
                .isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        ok.disconnect();
    }

    @Test
    void provisioningClientIds_withTopicCharactersOrSpaces_areRejected() throws Exception {
        Http.Key provisioner = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        for (String id : List.of("_???_a/b", "_???_+", "_???_#", "_???_a b")) {
            assertThat(code(id, provisioner)).as(id).isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED);
        }
        // A control character: the broker itself closes the connection.
        assertThat(rawConnack("_???_\t", provisioner.id(), provisioner.secret()))
                .isNotZero();
    }

    @Test
    void provisioningClientIdInUseByAnotherKey_isRejected_andTheLiveSessionKeepsItsAnswer() throws Exception {
        Dev wanted = device("MqSensor");
        Http.Key owner = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        Http.Key intruder = MqttSecuritySupport.apiClient(admin, List.of("device:read"));
        String clientId = "_???_taken" + System.nanoTime() % 100_000;
        try (Inbox inbox = MqttSecuritySupport.provisioningInbox(server, owner, clientId)) {
            assertThat(code(clientId, intruder)).isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED);
            assertThat(inbox.client.getState().isConnected()).isTrue();
            assertThat(inbox.provision(wanted.id()).get("apiSecret").asText()).isEqualTo(wanted.secret());
        }
    }

    @Test
    void deviceReconnectingWithItsOwnKey_takesItsSessionOver() {
        Dev d = device("MqSensor");
        Mqtt3BlockingClient first = connect(d);
        Mqtt3BlockingClient second = connect(d);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> !first.getState().isConnected());
        assertThat(second.getState().isConnected()).isTrue();
        second.disconnect();
    }
}
