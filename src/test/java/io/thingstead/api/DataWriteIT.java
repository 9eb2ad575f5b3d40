package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static io.thingstead.api.DataItSupport.deviceKey;
import static io.thingstead.api.DataItSupport.flat;
import static io.thingstead.api.DataItSupport.history;
import static io.thingstead.api.DataItSupport.profile;
import static io.thingstead.api.DataItSupport.property;
import static io.thingstead.api.DataItSupport.times;
import static io.thingstead.api.DataItSupport.values;
import static io.thingstead.api.DeviceItSupport.assertError;
import static io.thingstead.api.DeviceItSupport.assertOk;
import static io.thingstead.api.DeviceItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data writes over REST (reference §2.14, §3.9; issue 3 "Writes"): every write endpoint, Data Feed
 * semantics, per-point validation of every type, malformed feeds, who may write what, reading
 * by access level, and durability across a restart.
 */
class DataWriteIT {
    private static final Instant BASE = Instant.parse("2021-06-01T00:00:00Z");

    static TestServer server;
    static String profileName;
    static String qualifiedLevel;
    static String levelId;

    /** A device of the test profile with its device key. */
    record Dev(String id, Http.Key key) {
        Http http() {
            return admin().as(key);
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        Http admin = admin();
        profileName = unique("Probe");
        profile(admin, profileName, "ConnectedDevice");
        levelId = property(
                        admin,
                        profileName,
                        "{'name':'level','type':'number','access':'public','boundaries':{'min':0,'max':100}}")
                .get("id")
                .asText();
        qualifiedLevel = profileName.toLowerCase(Locale.ROOT) + "$level";
        property(admin, profileName, "{'name':'temp','type':'number'}");
        property(admin, profileName, "{'name':'secret','type':'number','access':'private'}");
        property(admin, profileName, "{'name':'flag','type':'boolean','access':'public'}");
        property(admin, profileName, "{'name':'label','type':'string','access':'public'}");
        property(admin, profileName, "{'name':'code','type':'string','access':'public','boundaries':{'size':8}}");
        property(
                admin,
                profileName,
                "{'name':'mode','type':'enum','access':'public','boundaries':{'set':['start','stop','pause']}}");
        property(admin, profileName, "{'name':'config','type':'object','access':'public','boundaries':{'size':64}}");
        property(admin, profileName, "{'name':'doc','type':'object','access':'public'}");
        property(
                admin,
                profileName,
                "{'name':'pos','type':'waypoint','access':'public',"
                        + "'boundaries':{'lat':45.5,'lon':-73.6,'radius':10,'inside':true}}");
        property(admin, profileName, "{'name':'photo','type':'blob','access':'public'}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The admin key on the server's current port (a restart moves it). */
    static Http admin() {
        return server.admin();
    }

    static Dev newDevice() {
        return newDevice(null);
    }

    static Dev newDevice(String extraJson) {
        String id = DataItSupport.device(admin(), unique("probe"), profileName, extraJson);
        return new Dev(id, deviceKey(admin(), id));
    }

    /** The i-th second after {@link #BASE} as an ISO time. */
    static String at(int second) {
        return BASE.plusSeconds(second).toString();
    }

    /** A feed of one point per value, one second apart from {@link #BASE}; null means no {@code v}. */
    static ObjectNode feedOf(Object... values) {
        ObjectNode feed = Http.JSON.createObjectNode();
        ArrayNode dps = feed.putArray("dps");
        for (int i = 0; i < values.length; i++) {
            ObjectNode p = dps.addObject().put("t", at(i));
            if (values[i] != null) {
                p.set("v", Http.JSON.valueToTree(values[i]));
            }
        }
        return feed;
    }

    static Http.Resp post(Http as, String deviceId, String prop, Object body) {
        return as.post("/v3/data/devices/" + deviceId + "/properties/" + prop, body);
    }

    /** Nothing at all was stored for the device: no value, no history, not even {@code lastIn}. */
    static void assertNothingStored(Dev d, String prop) {
        JsonNode state = flat(d.http(), d.id());
        assertThat(state.has(prop)).as(state.toString()).isFalse();
        assertThat(state.has("lastIn")).as(state.toString()).isFalse();
        assertThat(history(d.http(), d.id(), prop)).isEmpty();
    }

    static List<Object> plain(List<JsonNode> nodes) {
        List<Object> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            out.add(Http.JSON.convertValue(n, Object.class));
        }
        return out;
    }

    static ObjectNode annotations(int keys, int valueLength) {
        ObjectNode ann = Http.JSON.createObjectNode();
        for (int i = 0; i < keys; i++) {
            ann.put("k" + i, "x".repeat(valueLength));
        }
        return ann;
    }

    // ---- endpoints ---------------------------------------------------------------------------

    @Test
    void postToOneProperty_storesEveryPointAtItsTime_andAnswersTheReceipt() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "level", feedOf(10, 20)), 2, 0);

        List<JsonNode> points = history(d.http(), d.id(), "level");
        assertThat(plain(points))
                .containsExactly(
                        Map.of("t", "2021-06-01T00:00:00.000Z", "v", 10),
                        Map.of("t", "2021-06-01T00:00:01.000Z", "v", 20));
        assertThat(flat(d.http(), d.id()).get("level").intValue()).isEqualTo(20);
    }

    @Test
    void postToProperties_routesEachPointToThePropertyItNames() {
        Dev d = newDevice();
        JsonNode body = Http.json("{'dps':[{'prop':'level','t':'" + at(0) + "','v':1},{'prop':'temp','t':'" + at(1)
                + "','v':2},{'prop':'flag','t':'" + at(2) + "','v':true}]}");

        assertReceipt(d.http().post("/v3/data/devices/" + d.id() + "/properties", body), 3, 0);

        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(1);
        assertThat(plain(values(d.http(), d.id(), "temp"))).containsExactly(2);
        assertThat(plain(values(d.http(), d.id(), "flag"))).containsExactly(true);
    }

    @Test
    void postToProperties_feedLevelPropAppliesToPointsWithoutOne_andAPointsPropOverridesIt() {
        Dev d = newDevice();
        JsonNode body = Http.json("{'prop':'level','dps':[{'t':'" + at(0) + "','v':1},{'prop':'temp','t':'" + at(1)
                + "','v':2},{'t':'" + at(2) + "','v':3}]}");

        assertReceipt(d.http().post("/v3/data/devices/" + d.id() + "/properties", body), 3, 0);

        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(1, 3);
        assertThat(plain(values(d.http(), d.id(), "temp"))).containsExactly(2);
    }

    @Test
    void postToProperties_aPointNamingNoPropertyAnywhere_isRejectedAndItsNeighbourStored() {
        Dev d = newDevice();
        JsonNode body = Http.json("{'dps':[{'t':'" + at(0) + "','v':1},{'prop':'level','t':'" + at(1) + "','v':2}]}");

        assertReceipt(d.http().post("/v3/data/devices/" + d.id() + "/properties", body), 1, 1);

        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(2);
    }

    @Test
    void propertyReference_byNameInAnyCase_byId_andByQualifiedName_reachesTheSameProperty() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "LEVEL", Http.json("{'dps':[{'t':'" + at(0) + "','v':1}]}")), 1, 0);
        assertReceipt(post(d.http(), d.id(), levelId, Http.json("{'dps':[{'t':'" + at(1) + "','v':2}]}")), 1, 0);
        assertReceipt(post(d.http(), d.id(), qualifiedLevel, Http.json("{'dps':[{'t':'" + at(2) + "','v':3}]}")), 1, 0);
        JsonNode onPoints = Http.json("{'dps':[{'prop':'" + levelId + "','t':'" + at(3) + "','v':4},{'prop':'"
                + qualifiedLevel + "','t':'" + at(4) + "','v':5}]}");
        assertReceipt(d.http().post("/v3/data/devices/" + d.id() + "/properties", onPoints), 2, 0);
        JsonNode onFeed = Http.json("{'prop':'" + qualifiedLevel + "','dps':[{'t':'" + at(5) + "','v':6}]}");
        assertReceipt(d.http().post("/v3/data/devices/" + d.id() + "/properties", onFeed), 1, 0);

        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void conventionalObject_storesEachNamedValueAtServerTime_andRejectsUnknownNames() {
        Dev d = newDevice();
        Instant before = Instant.now();

        Http.Resp r = d.http()
                .post(
                        "/v3/data/devices/" + d.id(),
                        Http.json("{'level':12,'flag':true,'label':'hello','nosuchproperty':1}"));

        Instant after = Instant.now();
        assertReceipt(r, 3, 1);
        JsonNode state = flat(d.http(), d.id());
        assertThat(state.get("level").intValue()).isEqualTo(12);
        assertThat(state.get("flag").booleanValue()).isTrue();
        assertThat(state.get("label").asText()).isEqualTo("hello");
        Instant t = Instant.parse(times(d.http(), d.id(), "level").get(0));
        assertThat(t).isBetween(before.minusMillis(1), after.plusMillis(1));
    }

    @Test
    void conventionalObject_byTheAdminKey_writesAPublicProperty() {
        Dev d = newDevice();

        assertReceipt(admin().post("/v3/data/devices/" + d.id(), Http.json("{'level':7}")), 1, 0);

        assertThat(plain(values(admin(), d.id(), "level"))).containsExactly(7);
    }

    @Test
    void deviceKeyShortcuts_dataProperties_dataPropertiesProp_andThis_allWriteTheKeysOwnDevice() {
        Dev d = newDevice();
        Http key = d.http();

        assertReceipt(
                key.post("/v3/data/properties", Http.json("{'dps':[{'prop':'level','t':'" + at(0) + "','v':11}]}")),
                1,
                0);
        assertReceipt(key.post("/v3/data/properties/level", Http.json("{'dps':[{'t':'" + at(1) + "','v':12}]}")), 1, 0);
        assertReceipt(
                key.post(
                        "/v3/data/devices/_this_/properties/level",
                        Http.json("{'dps':[{'t':'" + at(2) + "','v':13}]}")),
                1,
                0);
        assertReceipt(
                key.post(
                        "/v3/data/devices/_this_/properties",
                        Http.json("{'prop':'level','dps':[{'t':'" + at(3) + "','v':14}]}")),
                1,
                0);
        assertReceipt(key.post("/v3/data/devices/_this_", Http.json("{'level':15}")), 1, 0);

        assertThat(plain(values(admin(), d.id(), "level"))).containsExactly(11, 12, 13, 14, 15);
        assertThat(assertOk(key.get("/v3/data")).get("level").intValue()).isEqualTo(15);
    }

    @Test
    void deviceKeyShortcut_withAnAccountKey_namesNoDevice_is404() {
        assertError(admin().post("/v3/data/properties/level", Http.json("{'dps':[{'v':1}]}")), 404, "ResourceNotFound");
    }

    // ---- feed semantics ----------------------------------------------------------------------

    @Test
    void feedTime_withPositiveAndNegativeTt_timesEachPointRelativeToIt_andNoTtMeansTheFeedTime() {
        Dev d = newDevice();
        JsonNode body = Http.json("{'t':'2020-01-01T00:00:00Z','dps':[{'tt':1500,'v':1},{'tt':-250,'v':2},{'v':3}]}");

        assertReceipt(post(d.http(), d.id(), "level", body), 3, 0);

        assertThat(plain(history(d.http(), d.id(), "level")))
                .containsExactly(
                        Map.of("t", "2019-12-31T23:59:59.750Z", "v", 2),
                        Map.of("t", "2020-01-01T00:00:00.000Z", "v", 3),
                        Map.of("t", "2020-01-01T00:00:01.500Z", "v", 1));
    }

    @Test
    void pointTime_overridesTheFeedTime_inAnyZone() {
        Dev d = newDevice();
        JsonNode body = Http.json("{'t':'2020-01-01T00:00:00Z','dps':[{'t':'2020-02-02T02:02:02.002+01:00','v':1},"
                + "{'t':'2020-03-03T03:03:03.003-0800','v':2},{'v':3}]}");

        assertReceipt(post(d.http(), d.id(), "level", body), 3, 0);

        assertThat(times(d.http(), d.id(), "level"))
                .containsExactly("2020-01-01T00:00:00.000Z", "2020-02-02T01:02:02.002Z", "2020-03-03T11:03:03.003Z");
    }

    @Test
    void pointsBefore1970_areStored_andHistoryWithoutAStartReturnsThemFirst() {
        Dev d = newDevice();
        JsonNode body = Http.json("{'dps':[{'t':'1969-07-20T20:17:40Z','v':1},{'t':'" + at(0) + "','v':2}]}");

        assertReceipt(post(d.http(), d.id(), "level", body), 2, 0);

        assertThat(plain(history(d.http(), d.id(), "level")))
                .containsExactly(
                        Map.of("t", "1969-07-20T20:17:40.000Z", "v", 1),
                        Map.of("t", "2021-06-01T00:00:00.000Z", "v", 2));
        JsonNode count = assertOk(d.http()
                .post(
                        "/v3/data/devices/" + d.id() + "/properties/level/query",
                        Http.json("{'aggregators':[{'name':'count'}]}")));
        assertThat(count.get("sampleSize").asInt()).as(count.toString()).isEqualTo(2);
    }

    @Test
    void feedWithoutAnyTime_storesThePointAtServerTime() {
        Dev d = newDevice();
        Instant before = Instant.now();

        assertReceipt(post(d.http(), d.id(), "level", Http.json("{'dps':[{'v':5}]}")), 1, 0);

        Instant after = Instant.now();
        Instant t = Instant.parse(times(d.http(), d.id(), "level").get(0));
        assertThat(t).isBetween(before.minusMillis(1), after.plusMillis(1));
    }

    @Test
    void feedTagsLocAndAnn_applyToEveryPoint_andPointLevelOnesOverrideThem() {
        Dev d = newDevice();
        JsonNode body = Http.json("{'tags':['feed'],'loc':{'zone':'zone-1'},'ann':{'k':'feed'},'dps':["
                + "{'prop':'level','t':'" + at(0) + "','v':1},"
                + "{'prop':'temp','t':'" + at(0) + "','v':2,'tags':['point'],'loc':{'zone':'zone-2',"
                + "'geo':{'lat':1.5,'lon':2.5}},'ann':{'k':'point'}}]}");

        assertReceipt(d.http().post("/v3/data/devices/" + d.id() + "/properties", body), 2, 0);

        JsonNode state = assertOk(d.http().get("/v3/data/devices/" + d.id() + "/state?properties=level,temp"));
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        state.get("properties")
                .forEach(p -> byName.put(p.get("ref").get("qname").asText(), p.get("value")));
        JsonNode level = byName.get(qualifiedLevel);
        JsonNode temp = byName.get(profileName.toLowerCase(Locale.ROOT) + "$temp");
        assertThat(level).as(state.toString()).isNotNull();
        assertThat(temp).as(state.toString()).isNotNull();
        assertThat(level.get("tags")).isEqualTo(Http.json("['feed']"));
        assertThat(level.get("location")).isEqualTo(Http.json("{'zone':'zone-1'}"));
        assertThat(level.get("annotations")).isEqualTo(Http.json("{'k':'feed'}"));
        assertThat(temp.get("tags")).isEqualTo(Http.json("['point']"));
        assertThat(temp.get("location")).isEqualTo(Http.json("{'zone':'zone-2','geo':{'lat':1.5,'lon':2.5}}"));
        assertThat(temp.get("annotations")).isEqualTo(Http.json("{'k':'point'}"));
    }

    @Test
    void annotations_overTenKeysOrAValueOver128Chars_rejectThatPointOnly() {
        Dev d = newDevice();
        ObjectNode feed = feedOf(1, 2, 3, 4);
        ArrayNode dps = (ArrayNode) feed.get("dps");
        ((ObjectNode) dps.get(0)).set("ann", annotations(11, 1));
        ((ObjectNode) dps.get(1)).set("ann", annotations(1, 129));
        ((ObjectNode) dps.get(2)).set("ann", annotations(10, 128));

        assertReceipt(post(d.http(), d.id(), "level", feed), 2, 2);

        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(3, 4);
    }

    @Test
    void feedLevelAnnotationsOverTheCap_rejectEveryPointThatInheritsThem() {
        Dev d = newDevice();
        ObjectNode feed = feedOf(1, 2);
        feed.set("ann", annotations(11, 1));
        ((ObjectNode) feed.get("dps").get(1)).set("ann", annotations(1, 5));

        assertReceipt(post(d.http(), d.id(), "level", feed), 1, 1);

        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(2);
    }

    @Test
    void tagsThatAreNotAnArrayOfStrings_orLocThatIsNotAnObject_rejectThatPointOnly() {
        Dev d = newDevice();
        ObjectNode feed = feedOf(1, 2, 3, 4);
        ArrayNode dps = (ArrayNode) feed.get("dps");
        ((ObjectNode) dps.get(0)).put("tags", "solo");
        ((ObjectNode) dps.get(1)).set("tags", Http.json("['ok', 5]"));
        ((ObjectNode) dps.get(2)).put("loc", "here");
        ((ObjectNode) dps.get(3)).set("tags", Http.json("['ok']"));

        assertReceipt(post(d.http(), d.id(), "level", feed), 1, 3);

        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(4);
    }

    @Test
    void twoPointsAtTheSameMillisecond_keepOneHistoryPoint_theLaterWritten() {
        Dev d = newDevice();
        JsonNode sameFeed = Http.json("{'t':'" + at(0) + "','dps':[{'v':1},{'v':2}]}");

        assertReceipt(post(d.http(), d.id(), "level", sameFeed), 2, 0);
        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(2);

        assertReceipt(post(d.http(), d.id(), "level", Http.json("{'dps':[{'t':'" + at(0) + "','v':3}]}")), 1, 0);
        assertThat(plain(history(d.http(), d.id(), "level")))
                .containsExactly(Map.of("t", "2021-06-01T00:00:00.000Z", "v", 3));
        assertThat(flat(d.http(), d.id()).get("level").intValue()).isEqualTo(3);
    }

    @Test
    void annotateWithLoc_givesPointsWithoutALocationTheDevicesLocation() {
        Dev d = newDevice("{'annotateWithLoc':true,'location':{'zone':'plant-1'}}");
        JsonNode body = Http.json("{'dps':[{'prop':'level','t':'" + at(0) + "','v':1}," + "{'prop':'temp','t':'" + at(0)
                + "','v':2,'loc':{'zone':'own'}}]}");

        assertReceipt(d.http().post("/v3/data/devices/" + d.id() + "/properties", body), 2, 0);

        JsonNode props = assertOk(d.http().get("/v3/data/devices/" + d.id() + "/state?properties=level,temp"))
                .get("properties");
        Map<String, JsonNode> loc = new java.util.HashMap<>();
        props.forEach(
                p -> loc.put(p.get("ref").get("qname").asText(), p.get("value").get("location")));
        assertThat(loc.get(qualifiedLevel)).isEqualTo(Http.json("{'zone':'plant-1'}"));
        assertThat(loc.get(profileName.toLowerCase(Locale.ROOT) + "$temp")).isEqualTo(Http.json("{'zone':'own'}"));
    }

    @Test
    void withoutAnnotateWithLoc_pointsCarryNoLocationOfTheirOwn() {
        Dev d = newDevice("{'location':{'zone':'plant-1'}}");

        assertReceipt(post(d.http(), d.id(), "level", feedOf(1)), 1, 0);

        JsonNode value = assertOk(d.http().get("/v3/data/devices/" + d.id() + "/state?properties=level"))
                .get("properties")
                .get(0)
                .get("value");
        assertThat(value.has("location")).as(value.toString()).isFalse();
    }

    @Test
    void mixedGoodAndBadPoints_areCountedApart_andOnlyTheGoodOnesStored() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "level", feedOf(5, "x", 150, -1, 50, null, true)), 2, 5);

        assertThat(plain(history(d.http(), d.id(), "level")))
                .containsExactly(
                        Map.of("t", at(0).replace("Z", ".000Z"), "v", 5),
                        Map.of("t", at(4).replace("Z", ".000Z"), "v", 50));
        assertThat(flat(d.http(), d.id()).get("level").intValue()).isEqualTo(50);
    }

    @Test
    void unknownProperty_inThePath_rejectsEveryPoint() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "nosuchproperty", feedOf(1, 2)), 0, 2);

        assertThat(flat(d.http(), d.id()).has("nosuchproperty")).isFalse();
    }

    // ---- per type validation -----------------------------------------------------------------

    @Test
    void number_acceptsValuesWithinItsRangeInclusive_andRejectsStringsAndOutOfRange() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "level", feedOf(0, "42", 100, -0.1, 42.5, 100.1)), 3, 3);

        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(0, 100, 42.5);
    }

    @Test
    void number_outOfTheDoubleRange_isRejected_notA500() {
        Dev d = newDevice();

        Http.Resp r = post(
                d.http(),
                d.id(),
                "temp",
                "{\"dps\":[{\"t\":\"" + at(0) + "\",\"v\":1e400},{\"t\":\"" + at(1) + "\",\"v\":-1e400},{\"t\":\""
                        + at(2) + "\",\"v\":12345678901234567890123}]}");

        assertReceipt(r, 1, 2);
        assertThat(values(d.http(), d.id(), "temp")).hasSize(1);
    }

    @Test
    void boolean_acceptsTrueAndFalse_andRejectsEverythingElse() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "flag", feedOf(true, "true", false, 1, null)), 2, 3);

        assertThat(plain(values(d.http(), d.id(), "flag"))).containsExactly(true, false);
    }

    @Test
    void string_isCappedAt1024Bytes_notCharacters() {
        Dev d = newDevice();
        String fits = "é".repeat(512);

        assertReceipt(
                post(d.http(), d.id(), "label", feedOf("hello", "é".repeat(513), fits, "a".repeat(1025), 12)), 2, 3);

        assertThat(plain(values(d.http(), d.id(), "label"))).containsExactly("hello", fits);
    }

    @Test
    void string_withASizeBoundary_rejectsLongerValues() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "code", feedOf("12345678", "123456789")), 1, 1);

        assertThat(plain(values(d.http(), d.id(), "code"))).containsExactly("12345678");
    }

    @Test
    void enum_acceptsOnlyValuesOfItsSet() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "mode", feedOf("start", "jump", "pause", 1)), 2, 2);

        assertThat(plain(values(d.http(), d.id(), "mode"))).containsExactly("start", "pause");
    }

    @Test
    void object_withASizeBoundary_rejectsLargerValues() {
        Dev d = newDevice();
        Map<String, Object> small = Map.of("a", 1);
        Map<String, Object> large = Map.of("a", "x".repeat(100));

        assertReceipt(post(d.http(), d.id(), "config", feedOf(small, large)), 1, 1);

        assertThat(plain(values(d.http(), d.id(), "config"))).containsExactly(small);
    }

    @Test
    void object_withoutBoundaries_isCappedAt300KiB() {
        Dev d = newDevice();
        Map<String, Object> fits = Map.of("a", "x".repeat(200 * 1024));
        Map<String, Object> tooBig = Map.of("a", "x".repeat(300 * 1024));

        assertReceipt(post(d.http(), d.id(), "doc", feedOf(fits, tooBig)), 1, 1);

        assertThat(plain(values(d.http(), d.id(), "doc"))).containsExactly(fits);
    }

    @Test
    void waypoint_acceptsAGeoInsideItsGeofence_andRejectsOutsideOrMalformed() {
        Dev d = newDevice();
        Map<String, Object> inside = Map.of("geo", Map.of("lat", 45.51, "lon", -73.61));
        Map<String, Object> outside = Map.of("geo", Map.of("lat", 48.85, "lon", 2.35));
        Map<String, Object> noGeo = Map.of("lat", 45.51, "lon", -73.61);
        Map<String, Object> offTheGlobe = Map.of("geo", Map.of("lat", 91, "lon", 0));

        assertReceipt(post(d.http(), d.id(), "pos", feedOf(inside, outside, noGeo, "here", offTheGlobe)), 1, 4);

        assertThat(plain(values(d.http(), d.id(), "pos"))).containsExactly(inside);
    }

    @Test
    void blob_acceptsBase64Text_andRejectsOtherValues() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "photo", feedOf("aGVsbG8gd29ybGQ=", 42, "not base64 at all!")), 1, 2);

        assertThat(plain(values(d.http(), d.id(), "photo"))).containsExactly("aGVsbG8gd29ybGQ=");
    }

    // ---- malformed feeds ---------------------------------------------------------------------

    @Test
    void bodyThatIsNotJson_is400_andStoresNothing() {
        Dev d = newDevice();

        assertError(post(d.http(), d.id(), "level", "{\"dps\":[{\"v\":1}"), 400, "MalformedJson");
        assertError(d.http().post("/v3/data/devices/" + d.id(), "level=1"), 400, "MalformedJson");

        assertNothingStored(d, "level");
    }

    @Test
    void feedWithoutDpsOrWithDpsNotAnArray_is400_andStoresNothing() {
        Dev d = newDevice();

        assertError(post(d.http(), d.id(), "level", Http.json("{'v':1}")), 400, "ValidationFailed");
        assertError(post(d.http(), d.id(), "level", Http.json("{'dps':{'v':1}}")), 400, "ValidationFailed");
        assertError(post(d.http(), d.id(), "level", Http.json("{'dps':'1'}")), 400, "ValidationFailed");
        assertError(post(d.http(), d.id(), "level", Http.json("[{'v':1}]")), 400, "ValidationFailed");
        assertError(
                d.http().post("/v3/data/devices/" + d.id() + "/properties", Http.json("{'prop':'level'}")),
                400,
                "ValidationFailed");

        assertNothingStored(d, "level");
    }

    @Test
    void aBadTimeAnywhereInTheFeed_is400_andStoresNoneOfItsGoodPoints() {
        Dev d = newDevice();
        JsonNode badLast =
                Http.json("{'dps':[{'t':'" + at(0) + "','v':1},{'t':'" + at(1) + "','v':2},{'t':'yesterday','v':3}]}");
        JsonNode noZone = Http.json("{'dps':[{'t':'" + at(0) + "','v':1},{'t':'2021-06-01T00:00:05','v':2}]}");
        JsonNode badFeedTime = Http.json("{'t':'yesterday','dps':[{'tt':10,'v':1}]}");
        JsonNode fractionalTt = Http.json("{'t':'" + at(0) + "','dps':[{'v':1},{'tt':1.5,'v':2}]}");

        assertThat(assertError(post(d.http(), d.id(), "level", badLast), 400, "ValidationFailed")
                        .get("message")
                        .asText())
                .contains("dps[2].t");
        assertError(post(d.http(), d.id(), "level", noZone), 400, "ValidationFailed");
        assertError(post(d.http(), d.id(), "level", badFeedTime), 400, "ValidationFailed");
        assertError(post(d.http(), d.id(), "level", fractionalTt), 400, "ValidationFailed");
        assertError(
                post(d.http(), d.id(), "level", Http.json("{'dps':[{'t':'+999999999-12-31T23:59:59Z','v':1}]}")),
                400,
                "ValidationFailed");
        assertError(
                post(
                        d.http(),
                        d.id(),
                        "level",
                        Http.json("{'t':'+200000000-01-01T00:00:00Z','dps':[{'tt':9000000000000000000,'v':1}]}")),
                400,
                "ValidationFailed");

        assertNothingStored(d, "level");
    }

    @Test
    void bodyOver1MiB_is413_andStoresNothing() {
        Dev d = newDevice();
        String huge = "{\"dps\":[{\"v\":\"" + "a".repeat(1024 * 1024) + "\"}]}";

        assertError(post(d.http(), d.id(), "label", huge), 413, "PayloadTooLarge");

        assertNothingStored(d, "label");
    }

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

        assertError(admin().post("/v3/data/devices/" + d.id() + "/properties", mixed), 403, "Forbidden");
        assertError(post(admin(), d.id(), "temp", feedOf(2)), 403, "Forbidden");
        assertError(post(admin(), d.id(), "secret", feedOf(3)), 403, "Forbidden");
        assertError(admin().post("/v3/data/devices/" + d.id(), Http.json("{'level':1,'secret':3}")), 403, "Forbidden");

        JsonNode state = flat(d.http(), d.id());
        assertThat(state.has("level")).as(state.toString()).isFalse();
        assertThat(state.has("temp")).as(state.toString()).isFalse();
        assertThat(state.has("secret")).as(state.toString()).isFalse();
        assertThat(history(d.http(), d.id(), "level")).isEmpty();
    }

    @Test
    void apiClientWithDeviceContextAndWriteDataScope_writesPublic_butNotProtected() {
        Dev d = newDevice();
        JsonNode client = assertOk(admin().post(
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
        assertError(post(api, d.id(), "temp", feedOf(1)), 403, "Forbidden");

        assertThat(plain(values(api, d.id(), "level"))).containsExactly(44);
        assertThat(flat(api, d.id()).has("temp")).isFalse();
    }

    @Test
    void apiClientWithoutWriteDataScope_is401MissingScope_andStoresNothing() {
        Dev d = newDevice();
        JsonNode client = assertOk(admin().post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                unique("reader"),
                                "context",
                                Map.of("type", "device", "ids", List.of(d.id())),
                                "scope",
                                List.of("device:read-data"))));
        Http api = admin().as(client.get("apikey"));

        assertError(post(api, d.id(), "level", feedOf(1)), 401, "MissingScope");
        assertError(api.post("/v3/data/devices/" + d.id(), Http.json("{'level':1}")), 401, "MissingScope");

        assertThat(flat(api, d.id()).has("level")).isFalse();
        assertThat(history(api, d.id(), "level")).isEmpty();
    }

    @Test
    void userKeyWithTheReadOnlyUserRole_is401_butStillReads() {
        Dev d = newDevice();
        JsonNode user =
                assertOk(admin().post("/v3/users", Map.of("email", unique("reader") + "@example.com", "role", "user")));
        Http reader =
                admin().as(assertOk(admin().get("/v3/users/" + user.get("id").asText() + "/apikey")));

        assertError(post(reader, d.id(), "level", feedOf(1)), 401, "MissingScope");

        assertThat(flat(reader, d.id()).has("level")).isFalse();
        assertThat(history(reader, d.id(), "level")).isEmpty();
    }

    @Test
    void builtinProperties_areReadOnlyForEveryKey_403() {
        Dev d = newDevice();

        for (Http as : List.of(d.http(), admin())) {
            assertError(post(as, d.id(), "active", feedOf("active")), 403, "Forbidden");
            assertError(post(as, d.id(), "lastIn", feedOf("level")), 403, "Forbidden");
            assertError(
                    post(as, d.id(), "connectionInfo", feedOf(Map.of("ip", "1.2.3.4", "endpoint", "mqtt"))),
                    403,
                    "Forbidden");
            assertError(post(as, d.id(), "device$active", feedOf("inactive")), 403, "Forbidden");
            assertError(as.post("/v3/data/devices/" + d.id(), Http.json("{'lastIn':'x'}")), 403, "Forbidden");
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
        JsonNode stranger = assertOk(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", unique("Stranger"), "user", Map.of("email", unique("s") + "@example.com"))));
        Http theirs = admin().as(stranger.get("apikey"));
        String theirDevice = assertOk(
                        theirs.post("/v3/devices", Map.of("name", unique("theirs"), "profile", "ConnectedDevice")))
                .get("id")
                .asText();
        String theirAccount = stranger.get("id").asText();

        assertError(
                admin().post("/v3/data/devices/" + theirDevice, Http.json("{'active':'x'}")), 404, "ResourceNotFound");
        assertError(
                admin().post("/v3/accounts/" + theirAccount + "/data/devices/" + theirDevice, Http.json("{'x':1}")),
                404,
                "ResourceNotFound");
        assertError(post(theirs, mine.id(), "level", feedOf(1)), 404, "ResourceNotFound");
        assertError(post(mine.http(), theirDevice, "level", feedOf(1)), 404, "ResourceNotFound");

        assertThat(flat(mine.http(), mine.id()).has("level")).isFalse();
    }

    @Test
    void deviceKey_ofAnotherDeviceOfTheSameAccount_is404() {
        Dev a = newDevice();
        Dev b = newDevice();

        assertError(post(a.http(), b.id(), "level", feedOf(1)), 404, "ResourceNotFound");

        assertThat(history(b.http(), b.id(), "level")).isEmpty();
    }

    @Test
    void disabledDevice_is403ForItsOwnKeyAndForTheAdmin_andStoresNothing() {
        Dev d = newDevice();
        assertOk(admin().put("/v3/devices/" + d.id(), Map.of("status", "disabled")));

        assertError(post(d.http(), d.id(), "level", feedOf(1)), 403, "Forbidden");
        assertError(post(admin(), d.id(), "level", feedOf(2)), 403, "Forbidden");
        assertError(
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

        JsonNode logs = assertOk(admin().get("/v3/devices/" + d.id() + "/logs"));
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
    void deviceInEnabledStatus_doesNotLogRejectedPoints() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "level", feedOf(1, "high", 500)), 1, 2);

        JsonNode logs = assertOk(admin().get("/v3/devices/" + d.id() + "/logs"));
        assertThat(logs.get("results"))
                .noneSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("DataRejected"));
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
        assertError(admin().get("/v3/data/devices/" + d.id() + "/properties/secret"), 403, "Forbidden");
        assertError(
                admin().post("/v3/data/devices/" + d.id() + "/properties/secret/query", Http.json("{}")),
                403,
                "Forbidden");
        JsonNode stateProps =
                assertOk(admin().get("/v3/data/devices/" + d.id() + "/state")).get("properties");
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
