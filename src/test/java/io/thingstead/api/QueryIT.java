package io.thingstead.api;

import static io.thingstead.api.DataReadSupport.feed;
import static io.thingstead.api.DataReadSupport.iso;
import static io.thingstead.api.DataReadSupport.times;
import static io.thingstead.api.DataReadSupport.values;
import static io.thingstead.api.DataReadSupport.write;
import static io.thingstead.api.DeviceItSupport.assertInvalid;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.asDevice;
import static io.thingstead.testing.Fixtures.deviceId;
import static io.thingstead.testing.Fixtures.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.MutableClock;
import io.thingstead.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * History ({@code GET .../properties/{p}}) and queries ({@code POST .../properties/{p}/query}) over
 * three minutes of 1 Hz points: values 0..179 at {@code START + i s}, the server clock at the end.
 */
class QueryIT {
    static final Instant NOW = Instant.parse("2031-03-01T12:00:00Z");
    static final Instant START = NOW.minusSeconds(180);
    static final int N = 180;

    static MutableClock clock = new MutableClock(NOW);
    static TestServer server;
    static Http admin;
    static Http dev;
    static String profile;
    static String deviceId;
    static String temperatureId;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        admin = server.admin();
        profile = Fixtures.newProfile(admin, "/v3", "ConnectedDevice");
        temperatureId = property(admin, profile, "{'name':'temperature','type':'number','access':'protected'}")
                .get("id")
                .asText();
        property(admin, profile, "{'name':'setpoint','type':'number','access':'public'}");
        property(admin, profile, "{'name':'label','type':'string','access':'protected'}");
        deviceId = deviceId(admin, profile, 0);
        dev = asDevice(admin, deviceId);
        List<Instant> times = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            times.add(START.plusSeconds(i));
            values.add(i);
        }
        write(dev, "/v3/data/properties/temperature", feed(times, values), N, 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String history(String query) {
        return "/v3/data/devices/" + deviceId + "/properties/temperature" + query;
    }

    private static JsonNode query(String json) {
        return body(admin.post(history("/query"), Http.json(json)));
    }

    private static Http.Resp queryResp(String json) {
        return admin.post(history("/query"), Http.json(json));
    }

    private static List<Integer> ints(JsonNode resultSet) {
        return values(resultSet).stream().map(JsonNode::asInt).toList();
    }

    private static List<Double> doubles(JsonNode resultSet) {
        return values(resultSet).stream().map(JsonNode::asDouble).toList();
    }

    private static List<Integer> range(int fromInclusive, int toInclusive) {
        return IntStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    private static List<String> minutes() {
        return List.of(iso(START), iso(START.plusSeconds(60)), iso(START.plusSeconds(120)));
    }

    /** A one-minute aligned aggregator object. */
    private static String perMinute(String name, String extra) {
        return "{'aggregators':[{'name':'" + name + "','sampling':{'value':1,'unit':'minutes'},'alignSampling':true"
                + extra + "}]}";
    }

    // ---- GET history -----------------------------------------------------------------------------

    @Test
    void history_withoutParameters_isTheNewest100PointsNewestFirst() {
        JsonNode r = body(admin.get(history("")));

        assertThat(r.get("sampleSize").asInt()).isEqualTo(100);
        assertThat(ints(r)).isEqualTo(range(80, 179).reversed());
        assertThat(times(r).get(0)).isEqualTo(iso(START.plusSeconds(179)));
    }

    @Test
    void history_limitAndOrderAsc_startsAtTheFirstPoint() {
        assertThat(ints(body(admin.get(history("?limit=5&order=asc"))))).isEqualTo(range(0, 4));
        assertThat(ints(body(admin.get(history("?limit=5&order=desc"))))).containsExactly(179, 178, 177, 176, 175);
        assertThat(ints(body(admin.get(history("?limit=1000&order=asc"))))).isEqualTo(range(0, 179));
    }

    @Test
    void history_badLimit_is400NamingLimit() {
        for (String limit : List.of("1001", "0", "x", "-3")) {
            assertInvalid(admin.get(history("?limit=" + limit)), "limit");
        }
    }

    @Test
    void history_badOrderOrSource_is400NamingTheParameter() {
        assertInvalid(admin.get(history("?order=up")), "order");
        assertInvalid(admin.get(history("?source=robot")), "source");
    }

    @Test
    void history_ofAnUnknownProperty_is404() {
        ApiAssert.error(admin.get("/v3/data/devices/" + deviceId + "/properties/nosuch"), 404, "ResourceNotFound");
        ApiAssert.error(
                admin.post("/v3/data/devices/" + deviceId + "/properties/nosuch/query", Http.json("{}")),
                404,
                "ResourceNotFound");
    }

    @Test
    void history_sourceFilter_keepsOnlyPointsOfThatSource_andTheLimitCountsMatchingPoints() {
        String id = deviceId(admin, profile, 0);
        Http own = asDevice(admin, id);
        String path = "/v3/data/devices/" + id + "/properties/setpoint";
        write(admin, path, feed(List.of(START.plusSeconds(1), START.plusSeconds(2)), List.of(1, 2)), 2, 0);
        write(
                own,
                path,
                feed(List.of(START.plusSeconds(3), START.plusSeconds(4), START.plusSeconds(5)), List.of(3, 4, 5)),
                3,
                0);

        JsonNode external = body(admin.get(path + "?source=external_client&limit=2"));
        JsonNode object = body(admin.get(path + "?source=object"));

        assertThat(ints(external)).containsExactly(2, 1);
        assertThat(external.get("results").get(0).get("attributes").get("source"))
                .isEqualTo(Http.json("['external_client']"));
        assertThat(ints(object)).containsExactly(5, 4, 3);
        assertThat(ints(body(admin.get(path)))).containsExactly(5, 4, 3, 2, 1);
    }

    // ---- query: ranges -----------------------------------------------------------------------------

    @Test
    void query_withoutStart_readsFromTheFirstPointOldestFirst() {
        JsonNode r = query("{}");

        assertThat(r.get("sampleSize").asInt()).isEqualTo(N);
        assertThat(ints(r)).isEqualTo(range(0, 179));
    }

    @Test
    void query_limitOneDesc_isTheNewestPoint() {
        JsonNode r = query("{'limit':1,'order':'desc'}");

        assertThat(ints(r)).containsExactly(179);
        assertThat(times(r)).containsExactly(iso(START.plusSeconds(179)));
    }

    @Test
    void query_absoluteRange_includesBothEnds() {
        JsonNode r = query(
                "{'startAbsolute':'" + START.plusSeconds(10) + "','endAbsolute':'" + START.plusSeconds(19) + "'}");

        assertThat(ints(r)).isEqualTo(range(10, 19));
    }

    @Test
    void query_absoluteRange_acceptsAnyIsoZone() {
        JsonNode r = query("{'startAbsolute':'2031-03-01T13:57:10+02:00','endAbsolute':'2031-03-01T13:57:12+02:00'}");

        assertThat(ints(r)).isEqualTo(range(10, 12));
    }

    @Test
    void query_relativeRange_countsBackFromTheServerClock() {
        assertThat(ints(query("{'startRelative':{'value':1,'unit':'minutes'}}")))
                .isEqualTo(range(120, 179));
        assertThat(ints(query(
                        "{'startRelative':{'value':1,'unit':'minutes'},'endRelative':{'value':30,'unit':'seconds'}}")))
                .isEqualTo(range(120, 150));
    }

    // ---- query: aggregators -------------------------------------------------------------------------

    @Test
    void query_rangedAggregatorsPerAlignedMinute_computeExactValues() {
        double dev = Math.sqrt(
                IntStream.range(0, 60).mapToDouble(i -> (i - 29.5) * (i - 29.5)).sum() / 59);

        assertThat(doubles(query(perMinute("avg", "")))).containsExactly(29.5, 89.5, 149.5);
        assertThat(doubles(query(perMinute("min", "")))).containsExactly(0.0, 60.0, 120.0);
        assertThat(doubles(query(perMinute("max", "")))).containsExactly(59.0, 119.0, 179.0);
        assertThat(doubles(query(perMinute("sum", "")))).containsExactly(1770.0, 5370.0, 8970.0);
        assertThat(ints(query(perMinute("count", "")))).containsExactly(60, 60, 60);
        assertThat(ints(query(perMinute("first", "")))).containsExactly(0, 60, 120);
        assertThat(ints(query(perMinute("last", "")))).containsExactly(59, 119, 179);
        assertThat(doubles(query(perMinute("dev", ""))))
                .satisfiesExactly(
                        v -> assertThat(v).isCloseTo(dev, within(1e-9)),
                        v -> assertThat(v).isCloseTo(dev, within(1e-9)),
                        v -> assertThat(v).isCloseTo(dev, within(1e-9)));
        assertThat(times(query(perMinute("avg", "")))).isEqualTo(minutes());
    }

    @Test
    void query_percentile_interpolatesBetweenTheNearestRanks() {
        assertThat(doubles(query(perMinute("percentile", ",'percentile':0.5")))).containsExactly(29.5, 89.5, 149.5);
        assertThat(doubles(query(perMinute("percentile", ",'percentile':0.9"))))
                .satisfiesExactly(
                        v -> assertThat(v).isCloseTo(53.1, within(1e-9)),
                        v -> assertThat(v).isCloseTo(113.1, within(1e-9)),
                        v -> assertThat(v).isCloseTo(173.1, within(1e-9)));
    }

    @Test
    void query_alignSampling_false_startsTheBucketsAtTheQueryStart() {
        String start = ",'startAbsolute':'" + START.plusSeconds(30) + "'";
        String unaligned =
                "{'aggregators':[{'name':'avg','sampling':{'value':1,'unit':'minutes'},'alignSampling':false}]" + start
                        + "}";
        String aligned = "{'aggregators':[{'name':'avg','sampling':{'value':1,'unit':'minutes'},'alignSampling':true}]"
                + start + "}";

        JsonNode u = query(unaligned);
        JsonNode a = query(aligned);

        assertThat(doubles(u)).containsExactly(59.5, 119.5, 164.5);
        assertThat(times(u))
                .containsExactly(iso(START.plusSeconds(30)), iso(START.plusSeconds(90)), iso(START.plusSeconds(150)));
        assertThat(doubles(a)).containsExactly(44.5, 89.5, 149.5);
        assertThat(times(a)).isEqualTo(minutes());
    }

    @Test
    void query_diffAndRate_workPointToPoint() {
        JsonNode diff = query("{'aggregators':[{'name':'diff'}]}");
        JsonNode perSecond = query("{'aggregators':[{'name':'rate','sampling':{'value':1,'unit':'seconds'}}]}");
        JsonNode perMinute = query("{'aggregators':[{'name':'rate','sampling':{'value':1,'unit':'minutes'}}]}");

        assertThat(doubles(diff)).hasSize(N - 1).containsOnly(1.0);
        assertThat(times(diff).get(0)).isEqualTo(iso(START.plusSeconds(1)));
        assertThat(doubles(perSecond)).hasSize(N - 1).containsOnly(1.0);
        assertThat(doubles(perMinute)).hasSize(N - 1).containsOnly(60.0);
    }

    @Test
    void query_scale_multipliesEveryValue_andChainsAfterAnAverage() {
        JsonNode scaled = query("{'limit':3,'aggregators':[{'name':'scale','factor':2.5}]}");
        JsonNode chained = query("{'aggregators':[{'name':'avg','sampling':{'value':1,'unit':'minutes'},"
                + "'alignSampling':true},{'name':'scale','factor':10}]}");

        assertThat(doubles(scaled)).containsExactly(0.0, 2.5, 5.0);
        assertThat(doubles(chained)).containsExactly(295.0, 895.0, 1495.0);
        assertThat(times(chained)).isEqualTo(minutes());
    }

    @Test
    void query_groupByTime_samplesTheAggregatorByTheRangeSize() {
        JsonNode r = query("{'groupBy':[{'name':'time','rangeSize':{'value':1,'unit':'minutes'}}],"
                + "'aggregators':[{'name':'avg','alignSampling':true}]}");

        assertThat(doubles(r)).containsExactly(29.5, 89.5, 149.5);
        assertThat(times(r)).isEqualTo(minutes());
    }

    @Test
    void query_limit_isAppliedBeforeAggregation() {
        JsonNode asc = query("{'limit':90,'aggregators':[{'name':'count','sampling':{'value':1,'unit':'minutes'},"
                + "'alignSampling':true}]}");
        JsonNode desc = query("{'limit':90,'order':'desc','aggregators':[{'name':'count','sampling':"
                + "{'value':1,'unit':'minutes'},'alignSampling':true}]}");

        assertThat(ints(asc)).containsExactly(60, 30);
        assertThat(asc.get("sampleSize").asInt()).isEqualTo(90);
        assertThat(ints(desc)).containsExactly(60, 30);
        assertThat(times(desc)).containsExactly(iso(START.plusSeconds(120)), iso(START.plusSeconds(60)));
    }

    // ---- result set shape -----------------------------------------------------------------------------

    @Test
    void resultSet_hasSampleSizeAndOneResultWithRefValuesGroupByAndAttributes() {
        JsonNode r = query("{'limit':2}");

        assertThat(iterable(r.fieldNames())).containsExactlyInAnyOrder("sampleSize", "results");
        assertThat(r.get("sampleSize").asInt()).isEqualTo(2);
        assertThat(r.get("results")).hasSize(1);
        JsonNode result = r.get("results").get(0);
        assertThat(iterable(result.fieldNames())).containsExactlyInAnyOrder("ref", "values", "groupBy", "attributes");
        assertThat(result.get("ref"))
                .isEqualTo(Http.JSON
                        .createObjectNode()
                        .put("id", temperatureId)
                        .put("qname", profile.toLowerCase() + "$temperature")
                        .put("objectId", deviceId));
        assertThat(result.get("values").get(0))
                .isEqualTo(Http.JSON.createObjectNode().put("t", iso(START)).put("v", 0));
        assertThat(result.get("groupBy")).isEqualTo(Http.json("[{'GroupByType':{'type':'number'}}]"));
        assertThat(result.get("attributes")).isEqualTo(Http.json("{'protocol':['rest'],'source':['object']}"));
    }

    @Test
    void resultSet_ofAStringProperty_isGroupedAsText() {
        String id = deviceId(admin, profile, 0);
        write(asDevice(admin, id), "/v3/data/properties/label", DataReadSupport.point("on"), 1, 0);

        JsonNode r = body(admin.get("/v3/data/devices/" + id + "/properties/label"));

        assertThat(values(r)).containsExactly(Http.JSON.getNodeFactory().textNode("on"));
        assertThat(r.get("results").get(0).get("groupBy")).isEqualTo(Http.json("[{'GroupByType':{'type':'text'}}]"));
    }

    // ---- query: refusals -------------------------------------------------------------------------------

    @Test
    void query_unknownAggregator_is400NamingIt() {
        assertInvalid(queryResp("{'aggregators':[{'name':'median'}]}"), "aggregators[0].name");
    }

    @Test
    void query_unknownSamplingUnit_is400NamingIt() {
        assertInvalid(
                queryResp("{'aggregators':[{'name':'avg','sampling':{'value':1,'unit':'fortnights'}}]}"),
                "aggregators[0].sampling.unit");
    }

    @Test
    void query_percentileOutsideZeroToOne_is400NamingIt() {
        assertInvalid(queryResp("{'aggregators':[{'name':'percentile','percentile':2}]}"), "aggregators[0].percentile");
        assertInvalid(queryResp("{'aggregators':[{'name':'percentile'}]}"), "aggregators[0].percentile");
    }

    @Test
    void query_startAfterEnd_is400() {
        assertInvalid(
                queryResp("{'startAbsolute':'" + START.plusSeconds(20) + "','endAbsolute':'" + START.plusSeconds(10)
                        + "'}"),
                "startAbsolute");
    }

    @Test
    void query_badLimitOrOrder_is400NamingIt() {
        assertInvalid(queryResp("{'limit':0}"), "limit");
        assertInvalid(queryResp("{'limit':'x'}"), "limit");
        assertInvalid(queryResp("{'order':'up'}"), "order");
    }

    @Test
    void query_malformedTimesAndBodies_are400() {
        assertInvalid(queryResp("{'startAbsolute':'yesterday'}"), "startAbsolute");
        assertInvalid(queryResp("{'startRelative':{'value':-1,'unit':'days'}}"), "startRelative.value");
        assertInvalid(queryResp("{'aggregators':{'name':'avg'}}"), "aggregators");
        assertInvalid(queryResp("{'aggregators':[{'name':'scale'}]}"), "aggregators[0].factor");
        ApiAssert.error(admin.post(history("/query"), "[1,2]"), 400, "ValidationFailed");
        ApiAssert.error(admin.post(history("/query"), "{not json"), 400, "MalformedJson");
    }

    private static Iterable<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
