package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.AlertIncidentsItSupport.log;
import static io.thingstead.api.MethodCallSupport.call;
import static io.thingstead.api.MethodCallSupport.define;
import static io.thingstead.api.MethodCallSupport.device;
import static io.thingstead.api.MethodCallSupport.failed;
import static io.thingstead.api.MethodCallSupport.profile;
import static io.thingstead.api.MethodCallSupport.result;
import static io.thingstead.testing.ApiAssert.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.api.MethodCallSupport.Dev;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every built-in of a running method, through the real server (docs/methods.md: Built-ins). */
class MethodBuiltinsIT extends AdminServerIt {
    @Test
    void setProperty_writesAsTheDevice_privatePropertiesToo_markedAsAMethodsWrite_andNoTrafficOfTheDevice() {
        String profile = profile(api, "ConnectedDevice");
        define(api, profile, "keep", "public", "return this.setProperty('secret', {value: value});");
        Dev d = device(api, profile);
        JsonNode stored = result(call(api, d.id(), "keep", "s3cret"));
        assertThat(stored.get("value").asText()).isEqualTo("s3cret");
        assertThat(stored.get("time").asText()).endsWith("Z");
        JsonNode own = body(d.key().get("/v3/data/devices/_this_"));
        assertThat(own.get("secret").asText()).isEqualTo("s3cret");
        assertThat(own.has("lastIn"))
                .as("a method's write is no traffic of the device: " + own)
                .isFalse();
        assertThat(MethodCallSupport.protocolOfNewest(d.key(), "_this_", "secret"))
                .isEqualTo("[\"method\"]");
    }

    @Test
    void setProperty_valueTheProfileRefuses_isARejectionTheScriptSees_andNothingIsStored() {
        String profile = profile(api, "Device");
        define(api, profile, "bad", "public", """
                return this.setProperty('temperature', {value: 'hot'})
                    .then(() => 'stored', e => 'refused: ' + e.message);""");
        Dev d = device(api, profile);
        assertThat(result(call(api, d.id(), "bad", null)).asText()).startsWith("refused: setProperty: 'temperature' ");
        assertThat(body(api.get("/v3/data/devices/" + d.id())).has("temperature"))
                .isFalse();
    }

    @Test
    void getProperty_answersMetaTimeAndValue_nullsBeforeTheFirstWrite() {
        String profile = profile(api, "Device");
        define(api, profile, "read", "public", "return this.getProperty(value);");
        Dev d = device(api, profile);
        JsonNode before = result(call(api, d.id(), "read", "temperature"));
        assertThat(before.get("value").isNull()).isTrue();
        assertThat(before.get("time").isNull()).isTrue();
        body(d.key().post("/v3/data/devices/_this_", Map.of("temperature", 21.5, "secret", "x")));
        JsonNode after = result(call(api, d.id(), "read", "temperature"));
        assertThat(after.get("value").asDouble()).isEqualTo(21.5);
        assertThat(after.get("time").asText()).endsWith("Z");
        assertThat(after.get("meta").get("name").asText()).isEqualTo("temperature");
        assertThat(after.get("meta").get("type").asText()).isEqualTo("number");
        assertThat(result(call(api, d.id(), "read", "secret")).get("value").asText())
                .isEqualTo("x");
    }

    @Test
    void log_writesToTheDeviceLog_andAWrongLevelIsAnError() {
        String profile = profile(api, "Device");
        define(api, profile, "say", "public", "return Device.api.log('info', 'hello ' + value).then(() => 'logged');");
        define(api, profile, "badLevel", "public", "return this.log('loud', 'x').catch(e => e.message);");
        Dev d = device(api, profile);
        assertThat(result(call(api, d.id(), "say", "world")).asText()).isEqualTo("logged");
        awaitLog(api, d.id(), "method 'say': hello world");
        assertThat(result(call(api, d.id(), "badLevel", null)).asText()).contains("log: level must be one of");
    }

    @Test
    void readData_runsTheRestQuery() {
        String profile = profile(api, "Device");
        define(api, profile, "history", "public", "return this.readData('temperature', value);");
        Dev d = device(api, profile);
        body(d.key()
                .post(
                        "/v3/data/devices/_this_/properties/temperature",
                        Map.of(
                                "dps",
                                List.of(
                                        Map.of("t", "2026-11-28T10:00:00Z", "v", 1),
                                        Map.of("t", "2026-11-28T10:01:00Z", "v", 2),
                                        Map.of("t", "2026-11-28T10:02:00Z", "v", 3)))));
        JsonNode sum = result(call(
                api,
                d.id(),
                "history",
                Map.of(
                        "startAbsolute",
                        "2026-11-28T00:00:00Z",
                        "aggregators",
                        List.of(Map.of("name", "sum", "sampling", Map.of("value", 1, "unit", "days"))))));
        assertThat(sum.get("sampleSize").asInt()).isEqualTo(3);
        assertThat(sum.get("results").get(0).get("values").get(0).get("v").asInt())
                .isEqualTo(6);
        assertThat(failed(call(api, d.id(), "history", Map.of("startRelative", "soon")), 422, "MethodFailed"))
                .contains("readData: 'startRelative'");
    }

    @Test
    void ownMethods_areCalledInBothStyles() {
        String profile = profile(api, "Device");
        define(api, profile, "helper", "private", "return value * 10;");
        define(api, profile, "current", "public", "return this.helper(value).then(r => r + 1);");
        define(api, profile, "legacy", "public", "Device.helper(value).then(r => done(null, r + 2));");
        define(api, profile, "awaiting", "public", "const r = await this.helper(value); return r + 3;");
        Dev d = device(api, profile);
        assertThat(result(call(api, d.id(), "current", 1)).asInt()).isEqualTo(11);
        assertThat(result(call(api, d.id(), "legacy", 1)).asInt()).isEqualTo(12);
        assertThat(result(call(api, d.id(), "awaiting", 1)).asInt()).isEqualTo(13);
        assertThat(body(api.get("/v3/devices/" + d.id() + "/methods/helper"))
                        .get("stats")
                        .get("count")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void wrongArgumentsToABuiltIn_failTheMethod_withTheBuiltInsMessage() {
        String profile = profile(api, "Device");
        define(api, profile, "noName", "public", "return this.setProperty(42, {value: 1});");
        define(api, profile, "noPoint", "public", "return this.setProperty('temperature', 5);");
        define(api, profile, "extra", "public", "return this.setProperty('temperature', {value: 5, when: 1});");
        define(api, profile, "badTime", "public", "return this.setProperty('temperature', {value: 5, time: 'x'});");
        define(api, profile, "noSuch", "public", "return this.getProperty('nothing');");
        Dev d = device(api, profile);
        assertThat(failed(call(api, d.id(), "noName", null), 422, "MethodFailed"))
                .contains("setProperty: name must be a non-empty string");
        assertThat(failed(call(api, d.id(), "noPoint", null), 422, "MethodFailed"))
                .contains("setProperty: the point must be an object {value, time}");
        assertThat(failed(call(api, d.id(), "extra", null), 422, "MethodFailed"))
                .contains("takes 'value' and 'time', not 'when'");
        assertThat(failed(call(api, d.id(), "badTime", null), 422, "MethodFailed"))
                .contains("setProperty: 'time' must be an ISO-8601 time");
        assertThat(failed(call(api, d.id(), "noSuch", null), 422, "MethodFailed"))
                .contains("getProperty: Property 'nothing' not found");
        assertThat(body(api.get("/v3/data/devices/" + d.id())).has("temperature"))
                .isFalse();
        assertThat(log(api, d.id())).anyMatch(l -> l.contains("name must be a non-empty string"));
    }
}
