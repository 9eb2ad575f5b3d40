package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static io.thingstead.api.DataItSupport.flat;
import static io.thingstead.api.DataItSupport.history;
import static io.thingstead.api.DataItSupport.times;
import static io.thingstead.api.DataItSupport.values;
import static io.thingstead.testing.ApiAssert.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Http;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data writes over REST (docs/connio.md: Writing data): every write endpoint and the Data Feed semantics. */
class DataWriteIT extends DataWriteItBase {
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
        assertThat(body(key.get("/v3/data")).get("level").intValue()).isEqualTo(15);
    }

    @Test
    void deviceKeyShortcut_withAnAccountKey_namesNoDevice_is404() {
        ApiAssert.error(
                admin().post("/v3/data/properties/level", Http.json("{'dps':[{'v':1}]}")), 404, "ResourceNotFound");
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
        JsonNode count = body(d.http()
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

        JsonNode state = body(d.http().get("/v3/data/devices/" + d.id() + "/state?properties=level,temp"));
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
    void twoPointsAtTheSameMillisecond_keepOneHistoryPoint_theLaterWritten_andTheReceiptCountsTheReplaced() {
        Dev d = newDevice();
        JsonNode sameFeed = Http.json("{'t':'" + at(0) + "','dps':[{'v':1},{'v':2}]}");

        assertReceipt(post(d.http(), d.id(), "level", sameFeed), 2, 0, 1);
        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(2);

        assertReceipt(post(d.http(), d.id(), "level", Http.json("{'dps':[{'t':'" + at(0) + "','v':3}]}")), 1, 0, 1);
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

        JsonNode props = body(d.http().get("/v3/data/devices/" + d.id() + "/state?properties=level,temp"))
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

        JsonNode value = body(d.http().get("/v3/data/devices/" + d.id() + "/state?properties=level"))
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
}
