package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incident routes under attack: keys of another account, device and gateway keys, keys without
 * {@code alert:read}; none lists or acknowledges an incident outside its context and scopes.
 */
class IncidentSecurityIT extends SecurityItBase {
    private static JsonNode dev;
    private static JsonNode alert;

    @BeforeAll
    static void openIncident() {
        dev = device();
        alert = body(admin.post("/v3/devices/" + id(dev) + "/alerts", AlertItSupport.levelAlert(unique("lvl"))));
        body(writeLevel(deviceKey(dev), "_this_", 20));
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(admin).size() == 1);
    }

    private static List<JsonNode> incidents(Http as) {
        List<JsonNode> out = new java.util.ArrayList<>();
        body(as.get("/v3/devices/" + id(dev) + "/alerts/incidents"))
                .get("results")
                .forEach(out::add);
        return out;
    }

    private static List<String[]> routes() {
        String d = "/v3/devices/" + id(dev) + "/alerts";
        return List.of(
                new String[] {"GET", d + "/incidents"},
                new String[] {"DELETE", d + "/" + id(alert) + "/incident"},
                new String[] {"GET", "/v3/incidents"},
                new String[] {"GET", "/v3/devices/_this_/alerts/incidents"});
    }

    private static void assertStillOpen() {
        assertThat(incidents(admin)).hasSize(1);
    }

    @Test
    void deviceKey_andGatewayKey_reachNoIncidentRoute_evenOfTheirOwnDevice() {
        for (Http key : List.of(deviceKey(dev), Gateway.create().key())) {
            for (String[] route : routes()) {
                assertThat(errorMessage(key.send(route[0], route[1], null), 401, "MissingScope"))
                        .as(route[0] + " " + route[1])
                        .contains("alert:read");
            }
        }
        assertStillOpen();
    }

    @Test
    void keyWithoutAlertRead_isRefused() {
        Http client = clientKey(context("account", mainId), "device:read", "alert:create", "alert:modify");
        for (String[] route : routes()) {
            assertThat(errorMessage(client.send(route[0], route[1], null), 401, "MissingScope"))
                    .as(route[1])
                    .contains("alert:read");
        }
        assertStillOpen();
    }

    @Test
    void anotherMastersKey_seesAndAcknowledgesNothingOfThisAccount() {
        Http stranger = admin.as(createMaster(unique("other")).get("apikey"));
        errorMessage(stranger.get("/v3/devices/" + id(dev) + "/alerts/incidents"), 404, "ResourceNotFound");
        errorMessage(
                stranger.delete("/v3/devices/" + id(dev) + "/alerts/" + id(alert) + "/incident"),
                404,
                "ResourceNotFound");
        assertThat(body(stranger.get("/v3/incidents?pageSize=1000")).get("results"))
                .noneMatch(i -> i.get("deviceId").asText().equals(id(dev)));
        errorMessage(stranger.get("/v3/accounts/" + mainId + "/incidents"), 404, "ResourceNotFound");
        assertStillOpen();
    }

    @Test
    void alertReader_cannotAcknowledge_forThatIsAChange() {
        Http reader = clientKey(context("account", mainId), "alert:read");
        assertThat(errorMessage(
                        reader.delete("/v3/devices/" + id(dev) + "/alerts/" + id(alert) + "/incident"),
                        401,
                        "MissingScope"))
                .contains("alert:modify");
        assertStillOpen();
    }

    @Test
    void alertReader_listsTheIncident_accountWide_andUnderTheAccount() {
        Http reader = clientKey(context("account", mainId), "alert:read");
        assertThat(incidents(reader)).hasSize(1);
        assertThat(body(reader.get("/v3/incidents?status=active&pageSize=1000")).get("results"))
                .anyMatch(i -> i.get("deviceId").asText().equals(id(dev)));
        assertThat(body(admin.get("/v3/accounts/" + mainId + "/incidents?pageSize=1000"))
                        .get("results"))
                .anyMatch(i -> i.get("alertId").asText().equals(id(alert)));
    }
}
