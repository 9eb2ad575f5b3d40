package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static io.thingstead.api.DataItSupport.flat;
import static io.thingstead.api.DataItSupport.times;
import static io.thingstead.api.DataItSupport.values;
import static io.thingstead.testing.ApiAssert.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.core.Times;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Point times: a point more than the accepted skew ahead of the server clock is rejected, and
 * every read path (flat map, state, history, query, MQTT pushes) agrees that the newest point by
 * time is the latest. The server runs on a clock the tests hold still.
 */
class TimestampSecurityIT extends ClockedServerIt {
    @BeforeAll
    static void properties() {
        Fixtures.property(admin, profile, "{'name':'level','type':'number','access':'public','publish':'always'}");
        Fixtures.property(admin, profile, "{'name':'valve','type':'number','access':'public','publish':'changed'}");
        Fixtures.property(
                admin,
                profile,
                "{'name':'archive','type':'number','access':'public','retention':{'lifetime':'unlimited'}}");
    }

    static String at(Duration fromNow) {
        return clock.instant().plus(fromNow).toString();
    }

    /** A feed of {@code [t, v]} pairs for one property. */
    static String feed(Object... timesAndValues) {
        StringBuilder b = new StringBuilder("{\"dps\":[");
        for (int i = 0; i < timesAndValues.length; i += 2) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"t\":\"")
                    .append(timesAndValues[i])
                    .append("\",\"v\":")
                    .append(timesAndValues[i + 1])
                    .append('}');
        }
        return b.append("]}").toString();
    }

    static Http.Resp write(Http as, Dev d, String prop, String feed) {
        return as.post("/v3/data/devices/" + d.id() + "/properties/" + prop, feed);
    }

    /** The first value of a result set. */
    static JsonNode first(JsonNode resultSet) {
        return resultSet.get("results").get(0).get("values").get(0);
    }

    static JsonNode stateValue(Dev d, String prop) {
        return body(admin.get("/v3/data/devices/" + d.id() + "/state?properties=" + prop))
                .get("properties")
                .get(0)
                .get("value");
    }

    /** Asserts that the flat map, the state and every history read agree: {@code v} at {@code t} is the latest. */
    static void assertLatestEverywhere(Dev d, String prop, int v, String t) {
        assertThat(flat(admin, d.id()).get(prop).intValue()).isEqualTo(v);
        JsonNode state = stateValue(d, prop);
        assertThat(state.get("mostRecent").intValue()).isEqualTo(v);
        assertThat(state.get("time").asText()).isEqualTo(t);
        String base = "/v3/data/devices/" + d.id() + "/properties/" + prop;
        JsonNode history = first(body(admin.get(base + "?limit=1&order=desc")));
        JsonNode query = first(body(admin.post(base + "/query", "{\"limit\":1,\"order\":\"desc\"}")));
        for (JsonNode point : List.of(history, query)) {
            assertThat(point.get("v").intValue()).as(point.toString()).isEqualTo(v);
            assertThat(point.get("t").asText()).as(point.toString()).isEqualTo(t);
        }
        // one bucket over the whole series, timed at its first point: its value is the latest
        JsonNode last = first(body(admin.post(base + "/query", "{\"aggregators\":[{\"name\":\"last\"}]}")));
        assertThat(last.get("v").intValue()).as(last.toString()).isEqualTo(v);
    }

    /** A time as the API prints it. */
    static String ms(String iso) {
        return Times.format(Instant.parse(iso));
    }

    @Test
    void aPointFarInTheFuture_isRejectedWithItsReason_andNeverBecomesTheLatest() {
        Dev d = device();
        Http dev = as(d);

        JsonNode rejections = assertReceipt(
                write(dev, d, "level", feed(at(Duration.ofMinutes(-1)), 1, "9999-12-31T23:59:59.999Z", 2)), 1, 1);

        assertThat(rejections.get(0).get("index").intValue()).isEqualTo(1);
        assertThat(rejections.get(0).get("reason").asText())
                .isEqualTo("is timed 9999-12-31T23:59:59.999Z, more than 1 day ahead of the server clock");
        assertLatestEverywhere(d, "level", 1, ms(at(Duration.ofMinutes(-1))));
        JsonNode log = body(admin.get("/v3/devices/" + d.id() + "/logs")).get("results");
        assertThat(log.toString()).contains("more than 1 day ahead of the server clock");

        assertReceipt(write(dev, d, "level", feed(at(Duration.ZERO), 3)), 1, 0);
        assertLatestEverywhere(d, "level", 3, ms(at(Duration.ZERO)));
    }

    @Test
    void exactlyTheSkewAhead_isAccepted_oneMillisecondMore_isNot() {
        Dev d = device();
        String limit = at(Duration.ofDays(1));

        assertReceipt(write(as(d), d, "level", feed(at(Duration.ofDays(1).plusMillis(1)), 1, limit, 2)), 1, 1);

        assertLatestEverywhere(d, "level", 2, ms(limit));
    }

    @Test
    void aPointWithinTheSkew_staysTheLatest_onEveryReadPath_asTheClockCatchesUp() {
        Dev d = device();
        String ahead = at(Duration.ofHours(1));
        assertReceipt(write(as(d), d, "level", feed(ahead, 7)), 1, 0);
        assertReceipt(write(as(d), d, "level", feed(at(Duration.ZERO), 8)), 1, 0);

        assertLatestEverywhere(d, "level", 7, ms(ahead));
        clock.advance(Duration.ofHours(2));
        assertLatestEverywhere(d, "level", 7, ms(ahead));
    }

    @Test
    void aBackfilledOlderPoint_isHistory_notTheLatest() {
        Dev d = device();
        String now = at(Duration.ZERO);
        assertReceipt(write(as(d), d, "level", feed(now, 1)), 1, 0);
        assertReceipt(write(admin, d, "level", feed(at(Duration.ofDays(-1)), 2)), 1, 0);

        assertLatestEverywhere(d, "level", 1, ms(now));
        assertThat(values(admin, d.id(), "level"))
                .extracting(JsonNode::intValue)
                .containsExactly(2, 1);
    }

    @Test
    void theSameMillisecondTwice_theLaterWriteWins_everywhere_andTheReceiptSaysItReplaced() {
        Dev d = device();
        String now = at(Duration.ZERO);
        assertReceipt(write(as(d), d, "level", feed(now, 1)), 1, 0);
        assertReceipt(write(as(d), d, "level", feed(now, 2)), 1, 0, 1);

        assertLatestEverywhere(d, "level", 2, ms(now));
        assertThat(values(admin, d.id(), "level"))
                .extracting(JsonNode::intValue)
                .containsExactly(2);
    }

    @Test
    void pushesFollowTheLatest_aBackfilledPointIsNotSentToTheDevice() throws InterruptedException {
        Dev d = device();
        Mqtt3BlockingClient c = MqttItSupport.connect3(server, d);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        c.toAsync()
                .subscribeWith()
                .topicFilter("connio/data/in/devices/" + d.id() + "/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p ->
                        received.add(topicTail(p) + "=" + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send()
                .join();

        assertReceipt(write(admin, d, "level", feed(at(Duration.ZERO), 10)), 1, 0);
        assertReceipt(write(admin, d, "level", feed(at(Duration.ofHours(-1)), 11)), 1, 0);
        assertReceipt(
                write(admin, d, "level", feed(at(Duration.ofSeconds(10)), 12, at(Duration.ofSeconds(5)), 13)), 2, 0);
        assertReceipt(write(admin, d, "valve", feed(at(Duration.ZERO), 5)), 1, 0);
        assertReceipt(write(admin, d, "valve", feed(at(Duration.ofSeconds(1)), 5)), 1, 0);
        assertReceipt(write(admin, d, "valve", feed(at(Duration.ofHours(-1)), 6)), 1, 0);
        assertReceipt(write(admin, d, "valve", feed(at(Duration.ofSeconds(2)), 6)), 1, 0);

        List<String> pushes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String p = received.poll(5, TimeUnit.SECONDS);
            assertThat(p).as("push " + i + " after " + pushes).isNotNull();
            pushes.add(p);
        }
        assertThat(pushes).containsExactly("level=10", "level=12", "valve=5", "valve=6");
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        c.disconnect();
    }

    static String topicTail(Mqtt3Publish p) {
        String topic = p.getTopic().toString();
        return topic.substring(topic.lastIndexOf('/') + 1);
    }

    @Test
    void everyZoneForm_isOneInstant_keptToTheMillisecond() {
        Dev d = device();
        String feed = feed(
                "2026-05-01T08:00:00+08:00", 1,
                "2026-05-01T01:00:00.5+0000", 2,
                "2026-05-01t03:00:00+01", 3,
                "2026-05-01T03:00:00-00:00", 4,
                "2026-05-01T04:00:00.123456789z", 5,
                "2026-04-30T22:15:00-07:45", 6);

        assertReceipt(write(as(d), d, "level", feed), 6, 0);

        assertThat(times(admin, d.id(), "level"))
                .containsExactly(
                        "2026-05-01T00:00:00.000Z",
                        "2026-05-01T01:00:00.500Z",
                        "2026-05-01T02:00:00.000Z",
                        "2026-05-01T03:00:00.000Z",
                        "2026-05-01T04:00:00.123Z",
                        "2026-05-01T06:00:00.000Z");
    }

    @Test
    void timesThatAreNotAnInstant_refuseTheWholeFeed() {
        Dev d = device();
        List<String> bad = List.of(
                "\"2026-05-01T08:00:00\"",
                "1780000000000",
                "\"1780000000000\"",
                "\"2026-05-01 08:00:00Z\"",
                "\"2026-06-30T23:59:60Z\"",
                "\"2025-02-29T00:00:00Z\"",
                "\"0000-01-01T00:00:00Z\"",
                "\"-0001-01-01T00:00:00Z\"",
                "\"+10000-01-01T00:00:00Z\"",
                "\"2026-05-01T08:00:00Z[Europe/Paris]\"");
        for (String t : bad) {
            String body = "{\"dps\":[{\"t\":\"" + at(Duration.ZERO) + "\",\"v\":1},{\"t\":" + t + ",\"v\":2}]}";
            Http.Resp r = write(as(d), d, "level", body);
            JsonNode e = ApiAssert.error(r, 400, "ValidationFailed");
            assertThat(e.get("message").asText()).as(t).startsWith("'dps[1].t' must");
        }
        assertThat(flat(admin, d.id()).has("level")).isFalse();
    }

    @Test
    void veryOldPoints_areKept_asHistory_byAPropertyOfUnlimitedLifetime() {
        Dev d = device();

        assertReceipt(
                write(
                        as(d),
                        d,
                        "archive",
                        feed(at(Duration.ZERO), 3, "0001-01-01T00:00:00Z", 1, "1900-01-01T00:00:00Z", 2)),
                3,
                0);

        assertThat(times(admin, d.id(), "archive"))
                .containsExactly("0001-01-01T00:00:00.000Z", "1900-01-01T00:00:00.000Z", ms(at(Duration.ZERO)));
        assertLatestEverywhere(d, "archive", 3, ms(at(Duration.ZERO)));
        String query = "/v3/data/devices/" + d.id() + "/properties/archive/query";
        assertThat(body(admin.post(
                                query, "{\"startAbsolute\":-62135596800000,\"endAbsolute\":\"1900-01-01T00:00:00Z\"}"))
                        .get("sampleSize")
                        .intValue())
                .isEqualTo(2);
        ApiAssert.error(admin.post(query, "{\"startAbsolute\":\"0000-01-01T00:00:00Z\"}"), 400, "ValidationFailed");
    }

    @Test
    void aConfiguredSkew_isTheLimit() {
        try (TestServer tight = TestServer.configured(clock, c -> c.withMaxFutureSkew(Duration.ofMinutes(5)))) {
            Http a = tight.admin();
            Fixtures.profile(a, "/v3", "Tight", "ConnectedDevice");
            Fixtures.property(a, "Tight", "{'name':'level','type':'number','access':'public'}");
            String id = Fixtures.id(Fixtures.device(a, "/v3", Fixtures.deviceBody("tight.1", "Tight")));

            JsonNode rejections = assertReceipt(
                    a.post(
                            "/v3/data/devices/" + id + "/properties/level",
                            feed(
                                    at(Duration.ofMinutes(5)),
                                    1,
                                    at(Duration.ofMinutes(5).plusMillis(1)),
                                    2)),
                    1,
                    1);

            assertThat(rejections.get(0).get("reason").asText())
                    .endsWith("more than 5 minutes ahead of the server clock");
        }
    }
}
