package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static io.thingstead.api.DataItSupport.flat;
import static io.thingstead.api.DataItSupport.history;
import static io.thingstead.api.DataItSupport.values;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may write and read what (device, gateway, user and API-client keys), and durability across a restart. */
class DataRightsIT extends DataWriteItBase {
    // ---- who may write what ------------------------------------------------------------------

    @Test
    void deviceKey_writesItsPrivateProtectedAndPublicProperties() {
        Dev d = newDevice();
        JsonNode body = Http.json("{'dps':[{'prop':'secret','t':'" + at(0) + "','v':1},{'prop':'temp','t':'" + at(0)
                + "','v':2},{'prop':'level','t':'" + at(0) + "','v':3}]}");

        assertReceipt(d.http().post("/v3/data/devices/" + d.id() + "/properties", body), 3, 0);

        JsonNode state = flat(d.http(), d.id());
        assertThat(state.get("secret").intValue()).isEqualTo(1);
        assertThat(state.get("temp").intValue()).isEqualTo(2);
        assertThat(state.get("level").intValue()).isEqualTo(3);
        assertThat(state.get("lastIn").asText()).isIn("secret", "temp", "level");
    }

    @Test
    void adminKey_writesAPublicProperty() {
        Dev d = newDevice();

        assertReceipt(post(admin(), d.id(), "level", feedOf(33)), 1, 0);

        assertThat(plain(values(admin(), d.id(), "level"))).containsExactly(33);
    }

    @Test
    void adminKey_writingAProtectedOrPrivateProperty_is403_andNothingOfThatRequestIsStored() {
        Dev d = newDevice();
        JsonNode mixed = Http.json(
                "{'dps':[{'prop':'level','t':'" + at(0) + "','v':1},{'prop':'temp','t':'" + at(1) + "','v':2}]}");

        ApiAssert.error(admin().post("/v3/data/devices/" + d.id() + "/properties", mixed), 403, "Forbidden");
        ApiAssert.error(post(admin(), d.id(), "temp", feedOf(2)), 403, "Forbidden");
        ApiAssert.error(post(admin(), d.id(), "secret", feedOf(3)), 403, "Forbidden");
        ApiAssert.error(
                admin().post("/v3/data/devices/" + d.id(), Http.json("{'level':1,'secret':3}")), 403, "Forbidden");

        JsonNode state = flat(d.http(), d.id());
        assertThat(state.has("level")).as(state.toString()).isFalse();
        assertThat(state.has("temp")).as(state.toString()).isFalse();
        assertThat(state.has("secret")).as(state.toString()).isFalse();
        assertThat(history(d.http(), d.id(), "level")).isEmpty();
    }

    @Test
    void apiClientWithDeviceContextAndWriteDataScope_writesPublic_butNotProtected() {
        Dev d = newDevice();
        JsonNode client = body(admin().post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                unique("writer"),
                                "context",
                                Map.of("type", "device", "ids", List.of(d.id())),
                                "scope",
                                List.of("device:write-data", "device:read-data"))));
        Http api = admin().as(client.get("apikey"));

        assertReceipt(post(api, d.id(), "level", feedOf(44)), 1, 0);
        ApiAssert.error(post(api, d.id(), "temp", feedOf(1)), 403, "Forbidden");

        assertThat(plain(values(api, d.id(), "level"))).containsExactly(44);
        assertThat(flat(api, d.id()).has("temp")).isFalse();
    }

    @Test
    void apiClientWithoutWriteDataScope_is401MissingScope_andStoresNothing() {
        Dev d = newDevice();
        JsonNode client = body(admin().post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                unique("reader"),
                                "context",
                                Map.of("type", "device", "ids", List.of(d.id())),
                                "scope",
                                List.of("device:read-data"))));
        Http api = admin().as(client.get("apikey"));

        ApiAssert.error(post(api, d.id(), "level", feedOf(1)), 401, "MissingScope");
        ApiAssert.error(api.post("/v3/data/devices/" + d.id(), Http.json("{'level':1}")), 401, "MissingScope");

        assertThat(flat(api, d.id()).has("level")).isFalse();
        assertThat(history(api, d.id(), "level")).isEmpty();
    }

    @Test
    void userKeyWithTheReadOnlyUserRole_is401_butStillReads() {
        Dev d = newDevice();
        Http reader = admin().as(Fixtures.userKey(admin(), "/v3", "user"));

        ApiAssert.error(post(reader, d.id(), "level", feedOf(1)), 401, "MissingScope");

        assertThat(flat(reader, d.id()).has("level")).isFalse();
        assertThat(history(reader, d.id(), "level")).isEmpty();
    }

    @Test
    void builtinProperties_areReadOnlyForEveryKey_403() {
        Dev d = newDevice();

        for (Http as : List.of(d.http(), admin())) {
            ApiAssert.error(post(as, d.id(), "active", feedOf("active")), 403, "Forbidden");
            ApiAssert.error(post(as, d.id(), "lastIn", feedOf("level")), 403, "Forbidden");
            ApiAssert.error(
                    post(as, d.id(), "connectionInfo", feedOf(Map.of("ip", "1.2.3.4", "endpoint", "mqtt"))),
                    403,
                    "Forbidden");
            ApiAssert.error(post(as, d.id(), "device$active", feedOf("inactive")), 403, "Forbidden");
            ApiAssert.error(as.post("/v3/data/devices/" + d.id(), Http.json("{'lastIn':'x'}")), 403, "Forbidden");
        }

        JsonNode state = flat(d.http(), d.id());
        assertThat(state.get("active").asText()).isEqualTo("unknown");
        assertThat(state.has("lastIn")).as(state.toString()).isFalse();
        assertThat(state.has("connectionInfo")).as(state.toString()).isFalse();
        assertThat(history(d.http(), d.id(), "active")).hasSize(1);
    }

    @Test
    void anotherAccountsDevice_is404_inBothDirections() {
        Dev mine = newDevice();
        JsonNode stranger = body(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", unique("Stranger"), "user", Map.of("email", unique("s") + "@example.com"))));
        Http theirs = admin().as(stranger.get("apikey"));
        String theirDevice = body(theirs.post(
                        "/v3/devices", Map.of("name", unique("theirs"), "profile", "ConnectedDevice")))
                .get("id")
                .asText();
        String theirAccount = stranger.get("id").asText();

        ApiAssert.error(
                admin().post("/v3/data/devices/" + theirDevice, Http.json("{'active':'x'}")), 404, "ResourceNotFound");
        ApiAssert.error(
                admin().post("/v3/accounts/" + theirAccount + "/data/devices/" + theirDevice, Http.json("{'x':1}")),
                404,
                "ResourceNotFound");
        ApiAssert.error(post(theirs, mine.id(), "level", feedOf(1)), 404, "ResourceNotFound");
        ApiAssert.error(post(mine.http(), theirDevice, "level", feedOf(1)), 404, "ResourceNotFound");

        assertThat(flat(mine.http(), mine.id()).has("level")).isFalse();
    }

    @Test
    void deviceKey_ofAnotherDeviceOfTheSameAccount_is404() {
        Dev a = newDevice();
        Dev b = newDevice();

        ApiAssert.error(post(a.http(), b.id(), "level", feedOf(1)), 404, "ResourceNotFound");

        assertThat(history(b.http(), b.id(), "level")).isEmpty();
    }

    @Test
    void disabledDevice_is403ForItsOwnKeyAndForTheAdmin_andStoresNothing() {
        Dev d = newDevice();
        body(admin().put("/v3/devices/" + d.id(), Map.of("status", "disabled")));

        ApiAssert.error(post(d.http(), d.id(), "level", feedOf(1)), 403, "Forbidden");
        ApiAssert.error(post(admin(), d.id(), "level", feedOf(2)), 403, "Forbidden");
        ApiAssert.error(
                d.http().post("/v3/data/properties", Http.json("{'prop':'level','dps':[{'v':3}]}")), 403, "Forbidden");

        assertThat(history(admin(), d.id(), "level")).isEmpty();
        JsonNode state = flat(admin(), d.id());
        assertThat(state.has("level")).as(state.toString()).isFalse();
        assertThat(state.has("lastIn")).as(state.toString()).isFalse();
    }

    @Test
    void deviceInDebugStatus_logsEachRejectedPointWithTheReason() {
        Dev d = newDevice("{'status':'debug'}");

        assertReceipt(post(d.http(), d.id(), "level", feedOf(1, "high", 500)), 1, 2);

        JsonNode logs = body(admin().get("/v3/devices/" + d.id() + "/logs"));
        List<String> messages = new ArrayList<>();
        logs.get("results").forEach(e -> {
            if (e.get("type").asText().equals("DataRejected")) {
                messages.add(e.get("message").asText());
            }
        });
        assertThat(messages).hasSize(2);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("\"high\"").contains("must be a number"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("500").contains("maximum"));
    }

    @Test
    void deviceInEnabledStatus_logsRejectedPointsToo() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "level", feedOf(1, "high", 500)), 1, 2);

        JsonNode logs = body(admin().get("/v3/devices/" + d.id() + "/logs"));
        assertThat(logs.get("results"))
                .filteredOn(e -> e.get("type").asText().equals("DataRejected"))
                .hasSize(2);
    }

    // ---- reading -----------------------------------------------------------------------------

    @Test
    void deviceKey_readsPrivateProperties_butAUserKeyReadsOnlyPublicAndProtected() {
        Dev d = newDevice();
        JsonNode body = Http.json("{'dps':[{'prop':'secret','t':'" + at(0) + "','v':1},{'prop':'temp','t':'" + at(0)
                + "','v':2},{'prop':'level','t':'" + at(0) + "','v':3}]}");
        assertReceipt(d.http().post("/v3/data/devices/" + d.id() + "/properties", body), 3, 0);

        JsonNode asDevice = flat(d.http(), d.id());
        JsonNode asAdmin = flat(admin(), d.id());

        assertThat(asDevice.get("secret").intValue()).isEqualTo(1);
        assertThat(plain(values(d.http(), d.id(), "secret"))).containsExactly(1);
        assertThat(asAdmin.has("secret")).as(asAdmin.toString()).isFalse();
        assertThat(asAdmin.get("temp").intValue()).isEqualTo(2);
        assertThat(asAdmin.get("level").intValue()).isEqualTo(3);
        ApiAssert.error(admin().get("/v3/data/devices/" + d.id() + "/properties/secret"), 403, "Forbidden");
        ApiAssert.error(
                admin().post("/v3/data/devices/" + d.id() + "/properties/secret/query", Http.json("{}")),
                403,
                "Forbidden");
        JsonNode stateProps =
                body(admin().get("/v3/data/devices/" + d.id() + "/state")).get("properties");
        assertThat(stateProps.toString()).doesNotContain("$secret");
        assertThat(plain(values(admin(), d.id(), "temp"))).containsExactly(2);
    }

    // ---- durability --------------------------------------------------------------------------

    @Test
    void afterARestart_everyAcknowledgedValueIsStillThere_inTheLatestValuesAndTheHistory() {
        Dev d = newDevice();
        assertReceipt(post(d.http(), d.id(), "level", feedOf(1, 2, 3)), 3, 0);
        assertReceipt(post(d.http(), d.id(), "secret", feedOf(7)), 1, 0);
        assertReceipt(post(d.http(), d.id(), "mode", feedOf("start", "stop")), 2, 0);
        assertReceipt(post(d.http(), d.id(), "pos", feedOf(Map.of("geo", Map.of("lat", 45.5, "lon", -73.6)))), 1, 0);
        assertReceipt(post(admin(), d.id(), "config", feedOf(Map.of("a", List.of(1, 2)))), 1, 0);
        JsonNode flatBefore = flat(d.http(), d.id());
        List<String> props = List.of("level", "secret", "mode", "pos", "config", "lastIn", "connectionInfo");
        Map<String, List<JsonNode>> historyBefore = new java.util.HashMap<>();
        for (String p : props) {
            historyBefore.put(p, history(d.http(), d.id(), p));
        }

        server.restart();

        assertThat(flat(d.http(), d.id())).isEqualTo(flatBefore);
        assertThat(flatBefore.get("level").intValue()).isEqualTo(3);
        assertThat(flatBefore.get("secret").intValue()).isEqualTo(7);
        for (String p : props) {
            assertThat(history(d.http(), d.id(), p)).as(p).isEqualTo(historyBefore.get(p));
        }
        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(1, 2, 3);
        assertThat(plain(values(d.http(), d.id(), "mode"))).containsExactly("start", "stop");
    }
}
