package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Broken, hostile or odd JSON in every kind of request body: each is a 400 with the Connio error
 * array (MalformedJson for what is not JSON, ValidationFailed naming the field otherwise), never a
 * 500, and nothing is stored.
 */
class JsonBodySecurityIT extends InputSecurityItBase {

    @Test
    void everyEndpoint_acceptsItsGoodBody_soTheRefusalsBelowAreAboutTheInput() {
        for (Endpoint e : endpoints()) {
            assertThat(e.send(api, e.goodBody()).status()).as(e.toString()).isEqualTo(200);
        }
    }

    @Test
    void malformedJson_onEveryBody_isMalformedJson() {
        List<String> bodies = List.of(
                "{",
                "{\"name\":}",
                "[1,]",
                "{} {}",
                "{'name':'x'}",
                "{\"a\":NaN}",
                "[Infinity]",
                "{\"a\":-Infinity}",
                "nul");
        for (Endpoint e : endpoints()) {
            for (String body : bodies) {
                assertBad(e.send(api, body), "MalformedJson", "not valid JSON");
            }
        }
        assertServerHealthy();
    }

    @Test
    void emptyBody_isMalformedJson_butABodilessKeyUpdateChangesNothing() {
        assertBad(api.send("POST", "/v3/devices", ""), "MalformedJson", "A JSON body is required");
        assertBad(api.send("PUT", "/v3/devices/" + deviceId, " \n"), "MalformedJson", "A JSON body is required");

        JsonNode before = body(api.get("/v3/devices/" + deviceId + "/apikey"));
        assertThat(body(api.send("PUT", "/v3/devices/" + deviceId + "/apikey", null))
                        .get("context"))
                .isEqualTo(before.get("context"));
    }

    @Test
    void duplicateKeys_areRefused_evenWithEqualValues() {
        String name = unique("dup");
        assertBad(
                api.post(
                        "/v3/devices",
                        "{\"name\":\"" + name + "\",\"name\":\"" + name + "\",\"profile\":\"" + profile + "\"}"),
                "MalformedJson",
                "Duplicate field 'name'");
        assertBad(
                device.post("/v3/data/devices/_this_/properties/temperature", "{\"dps\":[{\"v\":1,\"v\":2}]}"),
                "MalformedJson",
                "Duplicate field 'v'");

        assertThat(api.get("/v3/devices/" + name).status()).isEqualTo(404);
    }

    @Test
    void nesting100000Deep_is400_notAStackOverflow_andTheServerStaysUp() {
        String arrays = "[".repeat(100_000) + "]".repeat(100_000);
        String objects = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        for (Endpoint e : endpoints()) {
            assertBad(e.send(api, arrays), "MalformedJson", "nesting depth");
            assertBad(e.send(api, objects), "MalformedJson", "nesting depth");
        }
        String deepValue = "{\"dps\":[{\"v\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}]}";
        assertBad(device.post("/v3/data/devices/_this_/properties/doc", deepValue), "MalformedJson", "nesting depth");
        assertServerHealthy();
    }

    @Test
    void nestingWithinTheBound_isStored() {
        String value = "[".repeat(60) + "1" + "]".repeat(60);

        DataItSupport.assertReceipt(
                device.post("/v3/data/devices/_this_/properties/doc", "{\"dps\":[{\"v\":" + value + "}]}"), 1, 0);

        assertThat(DataItSupport.flat(api, deviceId).get("doc").toString()).isEqualTo(value);
    }

    @Test
    void hugeNumbers_areRefused_asJsonOrAsTheFieldsType() {
        String create = "{\"name\":\"" + unique("big") + "\",\"profile\":\"" + profile + "\",\"period\":";
        assertBad(api.post("/v3/devices", create + "1e400}"), "MalformedJson", "beyond the range of a double");
        assertBad(
                api.post("/v3/devices", create + "1" + "0".repeat(2000) + "}"), "MalformedJson", "Number value length");
        assertBad(
                api.post("/v3/devices", create + "99999999999999999999}"),
                "ValidationFailed",
                "'period' must be an integer");
        assertBad(api.post("/v3/devices", create + "1e30}"), "ValidationFailed", "'period' must be an integer");
        assertBad(
                api.post(
                        "/v3/deviceprofiles/" + profile + "/properties",
                        "{\"name\":\"" + unique("n") + "\",\"type\":\"number\",\"boundaries\":{\"max\":-1e400}}"),
                "MalformedJson",
                "beyond the range of a double");
        assertBad(
                device.post("/v3/data/devices/_this_/properties/doc", "{\"dps\":[{\"v\":{\"x\":[1e400]}}]}"),
                "MalformedJson",
                "beyond the range of a double");

        DataItSupport.assertReceipt(
                device.post(
                        "/v3/data/devices/_this_/properties/doc", "{\"dps\":[{\"v\":{\"x\":1.7976931348623157e308}}]}"),
                1,
                0);
    }

    @Test
    void nanAndInfinity_asStrings_areJustWrongValues() {
        JsonNode rejections = DataItSupport.assertReceipt(
                device.post(
                        "/v3/data/devices/_this_/properties/temperature",
                        "{\"dps\":[{\"v\":\"NaN\"},{\"v\":\"Infinity\"}]}"),
                0,
                2);

        assertThat(rejections.get(0).get("reason").asText()).isEqualTo("must be a number");
    }

    @Test
    void bytesThatAreNotUtf8_areRefused() {
        String good = "{\"name\":\"" + unique("enc") + "\",\"profile\":\"" + profile + "\"}";
        assertBad(
                api.sendBytes("POST", "/v3/devices", good.getBytes(StandardCharsets.UTF_16)), "MalformedJson", "UTF-8");
        assertBad(
                api.sendBytes("POST", "/v3/devices", good.getBytes(StandardCharsets.UTF_16LE)),
                "MalformedJson",
                "UTF-8");
        byte[] latin1 = ("{\"name\":\"" + unique("enc") + "\",\"friendlyName\":\"K\u00fcche\",\"profile\":\"" + profile
                        + "\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertBad(api.sendBytes("POST", "/v3/devices", latin1), "MalformedJson", "Invalid UTF-8");
        assertBad(
                device.sendBytes("POST", "/v3/data/devices/_this_/properties/doc", new byte[] {
                    '{', '"', 'd', 'p', 's', '"', ':', (byte) 0xC0
                }),
                "MalformedJson",
                "not valid JSON");
    }

    @Test
    void aUtf8ByteOrderMark_isSkipped_andMultibyteTextRoundTrips() {
        String name = unique("bom");
        byte[] body = utf8("\uFEFF{\"name\":\"" + name
                + "\",\"friendlyName\":\"K\u00fcche \uD83D\uDE00\",\"profile\":\"" + profile + "\"}");

        body(api.sendBytes("POST", "/v3/devices", body));

        assertThat(body(api.get("/v3/devices/" + name)).get("friendlyName").asText())
                .isEqualTo("K\u00fcche \uD83D\uDE00");
    }

    @Test
    void unpairedSurrogates_areRefused() {
        assertBad(
                api.post(
                        "/v3/devices",
                        "{\"name\":\"" + unique("s") + "\",\"friendlyName\":\"\\ud800\",\"profile\":\"" + profile
                                + "\"}"),
                "MalformedJson",
                "unpaired");
    }

    @Test
    void topLevelScalarsNullsAndArrays_whereAnObjectIsExpected_nameTheBody() {
        for (Endpoint e : endpoints()) {
            for (String body : List.of("42", "\"text\"", "true", "null", "[]")) {
                if (body.equals("[]") && e.path().equals("/v3/devices")) {
                    assertBad(e.send(api, body), "ValidationFailed", "'body' must hold at least one device");
                    continue;
                }
                assertBad(e.send(api, body), "ValidationFailed", "'body' must be");
            }
        }
    }

    @Test
    void nullOrArray_inANestedObjectField() {
        assertBad(
                api.put("/v3/devices/" + deviceId, "{\"location\":[1,2]}"),
                "ValidationFailed",
                "'location' must be a JSON object");
        assertBad(
                api.put("/v3/devices/" + deviceId, "{\"location\":{\"geo\":[1,2]}}"),
                "ValidationFailed",
                "'location.geo' must be a JSON object");
        assertBad(
                api.put("/v3/deviceprofiles/" + profile + "/properties/temperature", "{\"boundaries\":[0,10]}"),
                "ValidationFailed",
                "'boundaries' must be a JSON object");
        assertBad(
                api.put("/v3/deviceprofiles/" + profile + "/properties/temperature", "{\"retention\":[]}"),
                "ValidationFailed",
                "'retention' must be a JSON object");
        assertBad(
                device.post("/v3/data/devices/_this_/properties/temperature", "{\"dps\":{}}"),
                "ValidationFailed",
                "'dps'");
        assertBad(
                device.post("/v3/data/devices/_this_/properties/temperature", "{\"dps\":[null]}"),
                "ValidationFailed",
                "'dps[0]' must be a data point object");
        assertBad(
                api.post("/v3/data/devices/" + deviceId + "/properties/temperature/query", "{\"aggregators\":{}}"),
                "ValidationFailed",
                "'aggregators' must be an array");

        assertThat(body(api.put("/v3/devices/" + deviceId, "{\"location\":null}"))
                        .get("location")
                        .isNull())
                .isTrue();
    }

    @Test
    void wrongTypes_nameTheFieldByItsPath() {
        String dev = "/v3/devices/" + deviceId;
        assertBad(api.put(dev, "{\"name\":5}"), "ValidationFailed", "'name' must be a string");
        assertBad(api.put(dev, "{\"tags\":\"a\"}"), "ValidationFailed", "'tags' must be an array");
        assertBad(api.put(dev, "{\"period\":\"60\"}"), "ValidationFailed", "'period' must be an integer");
        assertBad(api.put(dev, "{\"annotateWithLoc\":\"true\"}"), "ValidationFailed", "'annotateWithLoc'");
        assertBad(
                api.put(dev, "{\"location\":{\"geo\":{\"lat\":\"1\",\"lon\":2}}}"),
                "ValidationFailed",
                "'location.geo.lat' must be a number");
        assertBad(
                api.put(
                        "/v3/deviceprofiles/" + profile + "/properties/temperature",
                        "{\"boundaries\":{\"min\":\"low\"}}"),
                "ValidationFailed",
                "'boundaries.min' must be a number");
        assertBad(
                api.post("/v3/apiclients", "{\"name\":\"" + unique("c") + "\",\"scope\":\"device:read\"}"),
                "ValidationFailed",
                "'scope'");
        assertBad(
                api.put(dev + "/apikey", "{\"context\":{\"type\":\"device\",\"ids\":\"" + deviceId + "\"}}"),
                "ValidationFailed",
                "'context.ids'");
        assertBad(
                device.post("/v3/data/devices/_this_/properties/temperature", "{\"dps\":[{\"v\":1,\"tt\":\"5\"}]}"),
                "ValidationFailed",
                "'dps[0].tt'");
        assertBad(
                api.post("/v3/data/devices/" + deviceId + "/properties/temperature/query", "{\"limit\":\"5\"}"),
                "ValidationFailed",
                "'limit' must be an integer");
    }
}
