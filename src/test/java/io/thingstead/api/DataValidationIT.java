package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static io.thingstead.api.DataItSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-point validation of every type, and malformed feeds that store nothing. */
class DataValidationIT extends DataWriteItBase {
    // ---- per type validation -----------------------------------------------------------------

    @Test
    void number_acceptsValuesWithinItsRangeInclusive_andRejectsStringsAndOutOfRange() {
        Dev d = newDevice();

        assertReceipt(post(d.http(), d.id(), "level", feedOf(0, "42", 100, -0.1, 42.5, 100.1)), 3, 3);

        assertThat(plain(values(d.http(), d.id(), "level"))).containsExactly(0, 100, 42.5);
    }

    @Test
    void number_outOfTheDoubleRange_refusesTheFeedAsMalformedJson_notA500() {
        Dev d = newDevice();

        Http.Resp r = post(
                d.http(),
                d.id(),
                "temp",
                "{\"dps\":[{\"t\":\"" + at(0) + "\",\"v\":1e400},{\"t\":\"" + at(1) + "\",\"v\":-1e400},{\"t\":\""
                        + at(2) + "\",\"v\":12345678901234567890123}]}");

        ApiAssert.error(r, 400, "MalformedJson");
        assertThat(values(d.http(), d.id(), "temp")).isEmpty();
        assertReceipt(
                post(d.http(), d.id(), "temp", "{\"dps\":[{\"t\":\"" + at(2) + "\",\"v\":12345678901234567890123}]}"),
                1,
                0);
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

        ApiAssert.error(post(d.http(), d.id(), "level", "{\"dps\":[{\"v\":1}"), 400, "MalformedJson");
        ApiAssert.error(d.http().post("/v3/data/devices/" + d.id(), "level=1"), 400, "MalformedJson");

        assertNothingStored(d, "level");
    }

    @Test
    void feedWithoutDpsOrWithDpsNotAnArray_is400_andStoresNothing() {
        Dev d = newDevice();

        ApiAssert.error(post(d.http(), d.id(), "level", Http.json("{'v':1}")), 400, "ValidationFailed");
        ApiAssert.error(post(d.http(), d.id(), "level", Http.json("{'dps':{'v':1}}")), 400, "ValidationFailed");
        ApiAssert.error(post(d.http(), d.id(), "level", Http.json("{'dps':'1'}")), 400, "ValidationFailed");
        ApiAssert.error(post(d.http(), d.id(), "level", Http.json("[{'v':1}]")), 400, "ValidationFailed");
        ApiAssert.error(
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

        assertThat(ApiAssert.error(post(d.http(), d.id(), "level", badLast), 400, "ValidationFailed")
                        .get("message")
                        .asText())
                .contains("dps[2].t");
        ApiAssert.error(post(d.http(), d.id(), "level", noZone), 400, "ValidationFailed");
        ApiAssert.error(post(d.http(), d.id(), "level", badFeedTime), 400, "ValidationFailed");
        ApiAssert.error(post(d.http(), d.id(), "level", fractionalTt), 400, "ValidationFailed");
        ApiAssert.error(
                post(d.http(), d.id(), "level", Http.json("{'dps':[{'t':'+999999999-12-31T23:59:59Z','v':1}]}")),
                400,
                "ValidationFailed");
        ApiAssert.error(
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

        ApiAssert.error(post(d.http(), d.id(), "label", huge), 413, "PayloadTooLarge");

        assertNothingStored(d, "label");
    }
}
