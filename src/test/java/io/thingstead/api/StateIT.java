package io.thingstead.api;

import static io.thingstead.api.DataReadSupport.feed;
import static io.thingstead.api.DataReadSupport.iso;
import static io.thingstead.api.DataReadSupport.point;
import static io.thingstead.api.DataReadSupport.write;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.asDevice;
import static io.thingstead.testing.Fixtures.deviceId;
import static io.thingstead.testing.Fixtures.property;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.MutableClock;
import io.thingstead.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v3/data/devices/{ref}/state}: header, properties with value and stats, filters. */
class StateIT {
    static final Instant NOW = Instant.parse("2031-05-01T08:00:00Z");
    static MutableClock clock = new MutableClock(NOW);
    static TestServer server;
    static Http admin;
    static String profile;
    static String temperatureId;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        admin = server.admin();
        profile = Fixtures.unique("Thermo");
        body(admin.post(
                "/v3/deviceprofiles",
                Map.of(
                        "name", profile,
                        "baseProfile", "ConnectedDevice",
                        "deviceClass", "thermostat",
                        "vendorName", "Acme",
                        "productName", "T-1000",
                        "imageUrl", "https://example.com/t.png")));
        temperatureId = property(admin, profile, "{'name':'temperature','type':'number','access':'protected'}")
                .get("id")
                .asText();
        property(admin, profile, "{'name':'mode','type':'string','access':'public'}");
        property(admin, profile, "{'name':'secret','type':'number','access':'private'}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode state(String deviceId, String query) {
        return body(admin.get("/v3/data/devices/" + deviceId + "/state" + query));
    }

    private static JsonNode item(JsonNode state, String name) {
        for (JsonNode p : state.get("properties")) {
            if (p.get("ref").get("qname").asText().endsWith("$" + name.toLowerCase())) {
                return p;
            }
        }
        return null;
    }

    private static List<String> qnames(JsonNode state) {
        List<String> out = new ArrayList<>();
        state.get("properties").forEach(p -> out.add(p.get("ref").get("qname").asText()));
        return out;
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void header_hasEveryDeviceFieldThePofileFieldsInitiatedAtAndIngestion() {
        String id = deviceId(admin, profile, 30);
        JsonNode deviceJson = body(admin.get("/v3/devices/" + id));

        JsonNode header = state(id, "?header=true").get("header");

        for (String field : keys(deviceJson)) {
            assertThat(header.get(field)).as(field).isEqualTo(deviceJson.get(field));
        }
        assertThat(header.get("deviceClass").asText()).isEqualTo("thermostat");
        assertThat(header.get("vendorName").asText()).isEqualTo("Acme");
        assertThat(header.get("productName").asText()).isEqualTo("T-1000");
        assertThat(header.get("imageUrl").asText()).isEqualTo("https://example.com/t.png");
        assertThat(header.get("initiatedAt").asText()).isEqualTo(iso(NOW));
        assertThat(keys(header.get("ingestion"))).containsExactlyInAnyOrder("rateLimit", "maxNrOfDpPerFeed");
    }

    @Test
    void state_withHeaderFalse_hasNoHeader_butPropertiesMethodsAndAlerts() {
        String id = deviceId(admin, profile, 0);

        JsonNode s = state(id, "?header=false");

        assertThat(s.has("header")).isFalse();
        assertThat(s.get("properties").isArray()).isTrue();
        assertThat(s.get("methods").isArray()).isTrue();
        assertThat(s.get("alerts").isArray()).isTrue();
    }

    @Test
    void property_hasRefAndValueWithMostRecentAndTime_andNoStatsOrMetaUnlessAsked() {
        String id = deviceId(admin, profile, 0);
        Http dev = asDevice(admin, id);
        write(
                dev,
                "/v3/data/properties/temperature",
                feed(List.of(NOW.minusSeconds(10), NOW.minusSeconds(30)), List.of(21.5, 19.0)),
                2,
                0);

        JsonNode t = item(state(id, ""), "temperature");

        assertThat(keys(t)).containsExactlyInAnyOrder("ref", "value");
        assertThat(t.get("ref"))
                .isEqualTo(Http.JSON
                        .createObjectNode()
                        .put("id", temperatureId)
                        .put("qname", profile.toLowerCase() + "$temperature"));
        assertThat(t.get("value").get("mostRecent").asDouble()).isEqualTo(21.5);
        assertThat(t.get("value").get("time").asText()).isEqualTo(iso(NOW.minusSeconds(10)));
    }

    @Test
    void stats_countEqualsThePointsStored_withMinMaxSumForNumbers() {
        String id = deviceId(admin, profile, 0);
        Http dev = asDevice(admin, id);
        List<Instant> times = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            times.add(NOW.minusSeconds(100 - i));
            values.add(i * 3 - 5);
        }
        write(dev, "/v3/data/properties/temperature", feed(times, values), 10, 0);
        write(dev, "/v3/data/properties/mode", point("eco"), 1, 0);

        JsonNode s = state(id, "?stats=true");
        JsonNode t = item(s, "temperature");
        JsonNode mode = item(s, "mode");

        assertThat(t.get("stats").get("count").asInt()).isEqualTo(10);
        assertThat(t.get("stats").get("min").asDouble()).isEqualTo(-5.0);
        assertThat(t.get("stats").get("max").asDouble()).isEqualTo(22.0);
        assertThat(t.get("stats").get("sum").asDouble()).isEqualTo(85.0);
        assertThat(keys(mode.get("stats"))).containsExactly("count");
        assertThat(mode.get("stats").get("count").asInt()).isEqualTo(1);
        assertThat(mode.get("value").get("mostRecent").asText()).isEqualTo("eco");
    }

    @Test
    void meta_true_addsThePropertyDefinition() {
        String id = deviceId(admin, profile, 0);

        JsonNode t = item(state(id, "?meta=true"), "temperature");

        assertThat(t.get("meta").get("id").asText()).isEqualTo(temperatureId);
        assertThat(t.get("meta").get("name").asText()).isEqualTo("temperature");
        assertThat(t.get("meta").get("type").asText()).isEqualTo("number");
    }

    @Test
    void propertyNeverWritten_isListedWithItsRefOnly() {
        String id = deviceId(admin, profile, 0);

        JsonNode t = item(state(id, "?stats=true"), "temperature");

        assertThat(keys(t)).containsExactly("ref");
    }

    @Test
    void propertiesParameter_limitsTheList_caseInsensitively_andEmptyListsNone() {
        String id = deviceId(admin, profile, 0);

        assertThat(qnames(state(id, "?properties=temperature")))
                .containsExactly(profile.toLowerCase() + "$temperature");
        assertThat(qnames(state(id, "?properties=Temperature,mode")))
                .containsExactlyInAnyOrder(profile.toLowerCase() + "$temperature", profile.toLowerCase() + "$mode");
        assertThat(state(id, "?properties=").get("properties")).isEmpty();
    }

    @Test
    void builtins_areListedWithTheirValues() {
        String id = deviceId(admin, profile, 0);
        write(asDevice(admin, id), "/v3/data/properties/temperature", point(1), 1, 0);

        JsonNode s = state(id, "");

        assertThat(item(s, "active").get("value").get("mostRecent").asText()).isEqualTo("unknown");
        assertThat(item(s, "lastIn").get("value").get("mostRecent").asText()).isEqualTo("temperature");
        assertThat(item(s, "connectionInfo").get("value").get("mostRecent"))
                .isEqualTo(Http.json("{'ip':'127.0.0.1','endpoint':'rest'}"));
    }

    @Test
    void value_carriesTheAnnotationsLocationAndTagsOfTheLatestPoint() {
        String id = deviceId(admin, profile, 0);
        JsonNode feed = Http.json(
                "{'dps':[{'v':3,'tags':['a','b'],'loc':{'geo':{'lat':1.5,'lon':2.5}}," + "'ann':{'by':'test'}}]}");
        write(asDevice(admin, id), "/v3/data/properties/temperature", feed, 1, 0);

        JsonNode value = item(state(id, ""), "temperature").get("value");

        assertThat(value.get("tags")).isEqualTo(Http.json("['a','b']"));
        assertThat(value.get("location")).isEqualTo(Http.json("{'geo':{'lat':1.5,'lon':2.5}}"));
        assertThat(value.get("annotations")).isEqualTo(Http.json("{'by':'test'}"));
    }

    @Test
    void privateProperties_areVisibleToTheDeviceOnly() {
        String id = deviceId(admin, profile, 0);
        Http dev = asDevice(admin, id);
        write(dev, "/v3/data/properties/secret", point(42), 1, 0);

        assertThat(item(state(id, ""), "secret")).isNull();
        JsonNode own = body(dev.get("/v3/data/devices/_this_/state"));
        assertThat(item(own, "secret").get("value").get("mostRecent").asInt()).isEqualTo(42);
    }

    @Test
    void stateOfAnUnknownDevice_is404() {
        ApiAssert.error(admin.get("/v3/data/devices/nosuch-device/state"), 404, "ResourceNotFound");
    }
}
