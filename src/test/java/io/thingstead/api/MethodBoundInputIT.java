package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.AlertIncidentsItSupport.log;
import static io.thingstead.api.MethodCallSupport.call;
import static io.thingstead.api.MethodCallSupport.device;
import static io.thingstead.testing.ApiAssert.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.api.MethodCallSupport.Dev;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.MutableClock;
import io.thingstead.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A method bound to an input property runs when a point of it is stored (docs/methods.md: Bound
 * input): whoever wrote it, only for a point that becomes the latest value and is fresh enough,
 * never for a quarantined method, and a chain of methods writing their own inputs stops at the
 * nesting limit.
 */
class MethodBoundInputIT {
    static final String DOUBLE = "return this.setProperty('doubled', {value: value * 2});";
    static MutableClock clock;
    static TestServer server;
    static Http api;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        server = TestServer.configured(
                clock,
                c -> c.withMethodTimeouts(
                        Duration.ofSeconds(5),
                        Map.of("quick", Duration.ofMillis(300), "patient", Duration.ofSeconds(10))));
        api = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A profile with the numbers {@code temperature} and {@code doubled}, and method {@code name} bound to the input. */
    static String profile(Http as, String name, String body, String input, String ttl) {
        String profile = MethodCallSupport.profile(as, "ConnectedDevice");
        number(as, profile, "doubled");
        bind(as, profile, name, body, input, ttl);
        return profile;
    }

    /** A public number property {@code name} on the profile. */
    static void number(Http as, String profile, String name) {
        Fixtures.property(as, "/v3", profile, Map.of("name", name, "type", "number", "access", "public"));
    }

    static JsonNode bind(Http as, String profile, String name, String body, String input, String ttl) {
        ObjectNode m = MethodItSupport.method(name, "public", body).put("inputId", input);
        if (ttl != null) {
            m.put("inputTTL", ttl);
        }
        return body(as.post("/v3/deviceprofiles/" + profile + "/methods", m));
    }

    static Http.Resp write(Dev d, String prop, Object value) {
        return d.key()
                .post(
                        "/v3/data/devices/_this_/properties/" + prop,
                        Map.of("dps", java.util.List.of(Map.of("v", value))));
    }

    static Http.Resp writeAt(Dev d, String prop, Object value, Instant t) {
        return d.key()
                .post(
                        "/v3/data/devices/_this_/properties/" + prop,
                        Map.of("dps", java.util.List.of(Map.of("t", t.toString(), "v", value))));
    }

    static JsonNode latest(Http as, Dev d) {
        return body(as.get("/v3/data/devices/" + d.id()));
    }

    static JsonNode instance(Http as, Dev d, String method) {
        return body(as.get("/v3/devices/" + d.id() + "/methods/" + method));
    }

    static long runs(Http as, Dev d, String method) {
        return instance(as, d, method).get("stats").get("count").asLong();
    }

    /** Waits until the device's {@code doubled} is {@code value} and the method ran {@code count} times. */
    static void awaitDoubled(Http as, Dev d, String method, int value, long count) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(latest(as, d).path("doubled").asInt()).isEqualTo(value);
            assertThat(runs(as, d, method)).isEqualTo(count);
        });
    }

    @Test
    void aRestWriteOfTheInput_runsTheMethod_withThePointsValue_asTheDevicesMethod() {
        Dev d = device(api, profile(api, "double", DOUBLE, "temperature", null));
        assertThat(write(d, "temperature", 21).status()).isEqualTo(200);
        awaitDoubled(api, d, "double", 42, 1);
        JsonNode instance = instance(api, d, "double");
        assertThat(instance.get("lastExecution").get("status").asText()).isEqualTo("success");
        assertThat(MethodCallSupport.protocolOfNewest(api, d.id(), "doubled")).isEqualTo("[\"method\"]");
    }

    @Test
    void aPrivateBoundMethod_runsToo() {
        String profile = MethodCallSupport.profile(api, "ConnectedDevice");
        number(api, profile, "doubled");
        ObjectNode m = Http.JSON.createObjectNode();
        m.put("name", "hidden").put("access", "private").put("inputId", "temperature");
        m.putObject("methodImpl").put("funcBody", DOUBLE);
        body(api.post("/v3/deviceprofiles/" + profile + "/methods", m));
        Dev d = device(api, profile);
        write(d, "temperature", 4);
        awaitDoubled(api, d, "hidden", 8, 1);
    }

    @Test
    void anMqttWriteOfTheInput_runsTheMethod() throws Exception {
        String profile = profile(api, "double", DOUBLE, "temperature", null);
        MqttItSupport.Dev d = MqttItSupport.device(api, profile);
        var client = MqttItSupport.connect3(server, d);
        try {
            client.publishWith()
                    .topic("connio/data/out/devices/" + d.id() + "/properties/temperature")
                    .qos(com.hivemq.client.mqtt.datatypes.MqttQos.AT_LEAST_ONCE)
                    .payload("5".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .send();
        } finally {
            client.disconnect();
        }
        Dev asRest = new Dev(d.id(), null, profile, null);
        awaitDoubled(api, asRest, "double", 10, 1);
    }

    @Test
    void aBackfilledPoint_isStored_butRunsNothing() {
        Dev d = device(api, profile(api, "double", DOUBLE, "temperature", null));
        Instant now = clock.instant();
        writeAt(d, "temperature", 1, now);
        awaitDoubled(api, d, "double", 2, 1);
        assertThat(writeAt(d, "temperature", 50, now.minusSeconds(3600)).status())
                .isEqualTo(200);
        writeAt(d, "temperature", 3, now.plusSeconds(1));
        awaitDoubled(api, d, "double", 6, 2);
        assertThat(DataItSupport.values(api, d.id(), "temperature").toString()).contains("50");
    }

    @Test
    void aPointOlderThanInputTtl_runsNothing_aFreshOneRuns() {
        Dev d = device(api, profile(api, "double", DOUBLE, "temperature", "30s"));
        writeAt(d, "temperature", 7, clock.instant().minusSeconds(60));
        writeAt(d, "temperature", 9, clock.instant().minusSeconds(10));
        awaitDoubled(api, d, "double", 18, 1);
        assertThat(instance(api, d, "double").get("inputTTL").asText()).isEqualTo("30s");
    }

    @Test
    void aDisabledMethod_doesNotRun_untilEnabledAgain() {
        Dev d = device(api, profile(api, "double", DOUBLE, "temperature", null));
        body(api.put("/v3/devices/" + d.id() + "/methods/double", Map.of("disabled", true)));
        assertThat(write(d, "temperature", 2).status()).isEqualTo(200);
        assertThat(latest(api, d).get("temperature").asInt()).isEqualTo(2);
        body(api.put("/v3/devices/" + d.id() + "/methods/double", Map.of("disabled", false)));
        write(d, "temperature", 7);
        awaitDoubled(api, d, "double", 14, 1);
    }

    @Test
    void aMethodWritingItsOwnInput_stopsAtTheNestingLimit_saying_whyInTheDeviceLog() {
        String profile = MethodCallSupport.profile(api, "ConnectedDevice");
        number(api, profile, "counter");
        bind(api, profile, "count", "return this.setProperty('counter', {value: value + 1});", "counter", null);
        Dev d = device(api, profile);
        write(d, "counter", 0);
        awaitLog(api, d.id(), "method 'count' was not run for its input 'counter'");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(runs(api, d, "count")).isEqualTo(8));
        assertThat(log(api, d.id()).stream().filter(l -> l.contains("deeper than 8")))
                .hasSize(1);
        assertThat(latest(api, d).get("counter").asInt()).isEqualTo(8);
    }

    @Test
    void twoMethodsWritingEachOthersInputs_stopAtTheNestingLimit_too() {
        String profile = MethodCallSupport.profile(api, "ConnectedDevice");
        number(api, profile, "ping");
        number(api, profile, "pong");
        bind(api, profile, "a", "return this.setProperty('pong', {value: value + 1});", "ping", null);
        bind(api, profile, "b", "return this.setProperty('ping', {value: value + 1});", "pong", null);
        Dev d = device(api, profile);
        write(d, "ping", 0);
        awaitLog(api, d.id(), "deeper than 8");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(runs(api, d, "a") + runs(api, d, "b")).isEqualTo(8));
        assertThat(latest(api, d).get("pong").asInt()).isEqualTo(7);
        assertThat(latest(api, d).get("ping").asInt()).isEqualTo(8);
    }

    @Test
    void aMethodsWriteOfTheInput_runsTheBoundMethod_too() {
        String profile = profile(api, "double", DOUBLE, "temperature", null);
        MethodCallSupport.define(
                api, profile, "set", "public", "return this.setProperty('temperature', {value: value});");
        Dev d = device(api, profile);
        assertThat(MethodCallSupport.result(call(api, d.id(), "set", 11))
                        .get("value")
                        .asInt())
                .isEqualTo(11);
        awaitDoubled(api, d, "double", 22, 1);
    }

    /** A body that runs about {@code ms} of real time without many statements, then doubles its value. */
    static String busyThenDouble(int ms) {
        return "const big = new Array(20000).fill(1);\nconst end = Date.now() + " + ms + ";\n"
                + "while (Date.now() < end) { JSON.stringify(big); }\n" + DOUBLE;
    }

    @Test
    void valuesArrivingWhileTheMethodRuns_coalesce_theNewestRunsNext_theSkippedAreCountedInTheLog() {
        Dev d = device(api, profile(api, "slow", busyThenDouble(400), "temperature", null));
        Instant now = clock.instant();
        java.util.List<Map<String, Object>> dps = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            dps.add(Map.of("t", now.plusMillis(i).toString(), "v", i));
        }
        assertThat(d.key()
                        .post("/v3/data/devices/_this_/properties/temperature", Map.of("dps", dps))
                        .status())
                .isEqualTo(200);
        awaitDoubled(api, d, "slow", 8, 2);
        awaitLog(
                api,
                d.id(),
                "method 'slow': 2 values of its input 'temperature' arrived while it ran and were skipped");
    }

    @Test
    void aRunawayBoundMethod_isQuarantined_whileTheDevicesWritesStayPrompt_andOtherAccountsRun() {
        Http quick = api.as(MethodCallSupport.master(server, "quick").get("apikey"));
        Dev d = device(quick, profile(quick, "spin", "while (true) {}", "temperature", null));
        Dev calm = device(api, profile(api, "double", DOUBLE, "temperature", null));
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            assertThat(write(d, "temperature", i).status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        write(calm, "temperature", 4);
        awaitDoubled(api, calm, "double", 8, 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> instance(quick, d, "spin").get("disabled").asBoolean());
        awaitLog(quick, d.id(), "now disabled on device");
        assertThat(runs(quick, d, "spin")).isEqualTo(1);
        assertThat(latest(quick, d).get("temperature").asInt()).isEqualTo(29);
    }

    /** Eight runs of 6 s hold the account's eight slots (docs/methods.md: Limits) while a ninth device's input is written. */
    @Test
    void aRunRefusedBecauseTheAccountRunsAsManyMethodsAsItMay_isALineInTheDeviceLog() {
        Http busy = api.as(MethodCallSupport.master(server, "patient").get("apikey"));
        String profile = profile(
                busy,
                "hold",
                "await this.setProperty('doubled', {value: 1});\n" + busyThenDouble(6000),
                "temperature",
                null);
        java.util.List<Dev> running = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            running.add(device(busy, profile));
        }
        Dev refused = device(busy, profile);
        running.forEach(d -> write(d, "temperature", 5));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> running.forEach(
                        d -> assertThat(latest(busy, d).path("doubled").asInt()).isEqualTo(1)));
        assertThat(write(refused, "temperature", 6).status()).isEqualTo(200);
        awaitLog(busy, refused.id(), "method 'hold' was not run for its input 'temperature' written at ");
        assertThat(log(busy, refused.id()).toString()).contains("methods at once already");
        assertThat(runs(busy, refused, "hold")).isZero();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        running.forEach(d -> assertThat(runs(busy, d, "hold")).isEqualTo(1)));
    }
}
