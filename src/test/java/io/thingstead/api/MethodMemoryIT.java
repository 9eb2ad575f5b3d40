package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.MethodCallSupport.call;
import static io.thingstead.api.MethodCallSupport.define;
import static io.thingstead.api.MethodCallSupport.device;
import static io.thingstead.api.MethodCallSupport.failed;
import static io.thingstead.api.MethodCallSupport.profile;
import static io.thingstead.api.MethodCallSupport.result;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;
import static io.thingstead.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.api.MethodCallSupport.Dev;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripts that allocate without bound (docs/methods.md: Limits, Quarantine): each call fails with
 * a Connio error saying why, the cause is in the device log, the method is quarantined on that
 * device, and right after it another device of the account and a device of another account still
 * run their methods and take data. The server runs with a 32 MiB budget per call, so the tests
 * need little heap; the one-shot allocations are scaled to it (bench/README.md has them at full size).
 */
class MethodMemoryIT {
    private static final String OVER_BUDGET = "allocated more than 32 MiB";

    static TestServer server;
    static Http api;
    static Http other;
    static Dev calm;
    static Dev otherCalm;

    @BeforeAll
    static void start() {
        // time enough that memory, not time, stops the calls even on a loaded machine
        server = TestServer.configured(
                InstantSource.system(),
                c -> c.withMethodMemory(32).withMethodTimeouts(Duration.ofSeconds(30), Map.of()));
        api = server.admin();
        JsonNode account = body(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", unique("Acc"), "user", Map.of("name", "Owner", "email", uniqueEmail("o")))));
        other = api.as(account.get("apikey"));
        calm = calmDevice(api);
        otherCalm = calmDevice(other);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Dev calmDevice(Http as) {
        String profile = profile(as, "Device");
        define(as, profile, "m", "public", "return value + 1;");
        return device(as, profile);
    }

    static Stream<Arguments> unbounded() {
        return Stream.of(
                Arguments.of("return new Array(2 ** 30).fill(0).length;", "MethodOutOfMemory", OVER_BUDGET),
                Arguments.of(
                        "let a = [];\nwhile (true) a.push(new Array(1e6).fill(1));", "MethodOutOfMemory", OVER_BUDGET),
                Arguments.of("let o = [];\nwhile (true) { o = [o]; }", "MethodOutOfMemory", OVER_BUDGET),
                Arguments.of(
                        "let o = {}, c = o;\nwhile (true) { c.next = {}; c = c.next; }",
                        "MethodOutOfMemory",
                        OVER_BUDGET),
                // one allocation of 64 MiB: seen once it is made
                Arguments.of("return 'x'.repeat(2 ** 26).length;", "MethodOutOfMemory", OVER_BUDGET),
                // strings stop at GraalJS's longest (2^30 characters) before they take memory
                Arguments.of(
                        "let s = 'x';\nwhile (true) s += s;", "MethodFailed", "threw at line 2: Invalid string length"),
                // the JVM refuses the array at once; GraalJS makes it a RangeError
                Arguments.of(
                        "return new ArrayBuffer(2 ** 31 - 1).byteLength;",
                        "MethodFailed",
                        "threw at line 1: Array buffer allocation failed"));
    }

    @ParameterizedTest
    @MethodSource("unbounded")
    void unboundedAllocation_failsClearly_isLoggedAndQuarantined_andOthersGoOn(String body, String code, String cause) {
        String profile = profile(api, "Device");
        define(api, profile, "m", "public", body);
        Dev d = device(api, profile);

        String message = failed(call(api, d.id(), "m", null), 422, code);
        assertThat(message).startsWith("method 'm' ").contains(cause).contains("now disabled on device");
        awaitLog(api, d.id(), "method 'm' ");
        assertThat(AlertIncidentsItSupport.log(api, d.id())).anyMatch(line -> line.contains(cause));
        JsonNode instance = body(api.get("/v3/devices/" + d.id() + "/methods/m"));
        assertThat(instance.get("disabled").asBoolean()).isTrue();
        assertThat(instance.get("lastExecution").get("status").asText()).isEqualTo("failure");
        failed(call(api, d.id(), "m", null), 403, "MethodDisabled");

        for (Dev calmOne : List.of(calm, otherCalm)) {
            Http as = calmOne == calm ? api : other;
            assertThat(result(call(as, calmOne.id(), "m", 41)).asInt()).isEqualTo(42);
            body(calmOne.key()
                    .post(
                            "/v3/data/devices/_this_/properties/temperature",
                            Map.of("dps", List.of(Map.of("t", Instant.now().toString(), "v", 21.5)))));
            assertThat(body(as.get("/v3/data/devices/" + calmOne.id()))
                            .get("temperature")
                            .asDouble())
                    .isEqualTo(21.5);
        }
    }
}
