package io.thingstead.api;

import static io.thingstead.api.MethodCallSupport.call;
import static io.thingstead.api.MethodCallSupport.define;
import static io.thingstead.api.MethodCallSupport.device;
import static io.thingstead.api.MethodCallSupport.profile;
import static io.thingstead.api.MethodCallSupport.result;
import static io.thingstead.testing.ApiAssert.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.api.MethodCallSupport.Dev;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calling methods over REST through the real server: both script styles, every call form (docs/methods.md: Invocation). */
class MethodCallIT extends AdminServerIt {
    /** Connio's legacy-engine example (docs/methods.md), unchanged. */
    static final String LEGACY_SET_TEMPERATURE =
            "Device.api.setProperty('temperature', { value: value, time: new Date().toISOString() })\n"
                    + "  .then(property => { done(null, property.value); })\n"
                    + "  .catch(error => { done(error, null); });";

    @Test
    void currentStyle_referenceExample_runsUnchanged_andWritesThroughThePipeline() {
        String profile = profile(api, "ConnectedDevice");
        define(api, profile, "setTemperature", "public", MethodItSupport.SET_TEMPERATURE);
        Dev d = device(api, profile);
        JsonNode result = result(call(api, d.id(), "setTemperature", 212));
        assertThat(result.asDouble()).isEqualTo(373.15);
        assertThat(body(api.get("/v3/data/devices/" + d.id()))
                        .get("temperature")
                        .asDouble())
                .isEqualTo(373.15);
    }

    @Test
    void legacyStyle_referenceExample_runsUnchanged_withDone() {
        String profile = profile(api, "ConnectedDevice");
        define(api, profile, "setTemperature", "public", LEGACY_SET_TEMPERATURE);
        Dev d = device(api, profile);
        assertThat(result(call(api, d.name(), "setTemperature", 21.5)).asDouble())
                .isEqualTo(21.5);
        assertThat(body(api.get("/v3/data/devices/" + d.id()))
                        .get("temperature")
                        .asDouble())
                .isEqualTo(21.5);
    }

    @Test
    void everyCallForm_answersTheResult_postPutRawPutAndGetArgs() {
        String profile = profile(api, "Device");
        define(api, profile, "echo", "public", "return {got: value};");
        Dev d = device(api, profile);
        String path = "/v3/data/devices/" + d.id() + "/methods/echo";
        assertThat(result(api.post(path, Map.of("value", 7))).get("got").asInt())
                .isEqualTo(7);
        assertThat(result(api.put(path, Map.of("value", "on"))).get("got").asText())
                .isEqualTo("on");
        assertThat(result(api.put(path, Map.of("a", 1))).get("got").get("a").asInt())
                .isEqualTo(1);
        assertThat(result(api.get(path + "?args=%7B%22a%22%3A2%7D"))
                        .get("got")
                        .get("a")
                        .asInt())
                .isEqualTo(2);
        assertThat(result(api.get(path + "?args=plain")).get("got").asText()).isEqualTo("plain");
        assertThat(result(api.get(path)).get("got").isNull()).isTrue();
        assertThat(result(api.post(path, null)).get("got").isNull()).isTrue();
        assertThat(result(api.post(
                                "/v3/accounts/_this_/data/devices/" + d.name() + "/methods/ECHO", Map.of("value", 1)))
                        .get("got")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void deviceKey_callsItsOwnMethods_throughThisAndTheShortcut_protectedOnesToo() {
        String profile = profile(api, "Device");
        define(api, profile, "mine", "protected", "return 'device:' + value;");
        Dev d = device(api, profile);
        assertThat(result(call(d.key(), "_this_", "mine", 1)).asText()).isEqualTo("device:1");
        assertThat(result(call(d.key(), d.id(), "mine", 2)).asText()).isEqualTo("device:2");
        assertThat(result(d.key().put("/v3/data/methods/mine", Map.of("value", 3)))
                        .asText())
                .isEqualTo("device:3");
        assertThat(result(d.key().post("/v3/data/methods/mine", Map.of("value", 4)))
                        .asText())
                .isEqualTo("device:4");
    }

    @Test
    void aCall_isCountedInTheDevicesInstance() {
        String profile = profile(api, "Device");
        define(api, profile, "twice", "public", "return value * 2;");
        Dev d = device(api, profile);
        result(call(api, d.id(), "twice", 2));
        result(call(api, d.id(), "twice", 3));
        JsonNode instance = body(api.get("/v3/devices/" + d.id() + "/methods/twice"));
        assertThat(instance.get("stats").get("count").asInt()).isEqualTo(2);
        assertThat(instance.get("stats").get("failures").asInt()).isZero();
        assertThat(instance.get("lastExecution").get("status").asText()).isEqualTo("success");
        assertThat(instance.get("disabled").asBoolean()).isFalse();
    }
}
