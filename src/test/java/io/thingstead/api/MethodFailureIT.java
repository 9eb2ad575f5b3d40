package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
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
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Methods that fail: quarantine, the device log, re-enable, every bad input, limits per account
 * plan, and other accounts unaffected (docs/methods.md: Quarantine, Limits, Bad input).
 */
class MethodFailureIT {
    static TestServer server;
    static Http api;
    /** The admin of an account of plan {@code quick}: its calls may run 300 ms. */
    static Http quick;
    /** The admin of an account of plan {@code slow}: its calls may run 2 s. */
    static Http slow;

    @BeforeAll
    static void start() {
        server = TestServer.configured(
                InstantSource.system(),
                c -> c.withMethodTimeouts(
                        Duration.ofSeconds(5), Map.of("quick", Duration.ofMillis(300), "slow", Duration.ofSeconds(2))));
        api = server.admin();
        quick = api.as(MethodCallSupport.master(server, "quick").get("apikey"));
        slow = api.as(MethodCallSupport.master(server, "slow").get("apikey"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A device of a new profile of the account of {@code as} whose method {@code m} has that body. */
    private static Dev withMethod(Http as, String body) {
        String profile = profile(as, "Device");
        define(as, profile, "m", "public", body);
        return device(as, profile);
    }

    @Test
    void aThrow_fails_quarantinesTheMethodOnThatDeviceOnly_andPutReenablesIt() {
        String profile = profile(api, "Device");
        define(api, profile, "m", "public", "if (value === 'fail') {\n  throw new Error('boom');\n}\nreturn 'fine';");
        Dev d = device(api, profile);
        Dev other = device(api, profile);
        String message = failed(call(api, d.id(), "m", "fail"), 422, "MethodFailed");
        assertThat(message).contains("method 'm' threw at line 2: boom").contains("now disabled on device");
        awaitLog(api, d.id(), "method 'm' threw at line 2: boom");
        JsonNode instance = body(api.get("/v3/devices/" + d.id() + "/methods/m"));
        assertThat(instance.get("disabled").asBoolean()).isTrue();
        assertThat(instance.get("lastExecution").get("status").asText()).isEqualTo("failure");
        assertThat(instance.get("stats").get("failures").asInt()).isEqualTo(1);

        assertThat(failed(call(api, d.id(), "m", "ok"), 403, "MethodDisabled")).contains("is disabled on device");
        assertThat(result(call(api, other.id(), "m", "ok")).asText()).isEqualTo("fine");
        body(api.put("/v3/devices/" + d.id() + "/methods/m", Map.of("disabled", false)));
        assertThat(result(call(api, d.id(), "m", "ok")).asText()).isEqualTo("fine");
        assertThat(body(api.get("/v3/devices/" + d.id() + "/methods/m"))
                        .get("stats")
                        .get("count")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void aDeviceInDebug_getsMoreDetailInItsLog() {
        Dev d = withMethod(api, "throw new TypeError('bad ' + value);");
        body(api.put("/v3/devices/" + d.id(), Map.of("status", "debug")));
        failed(call(api, d.id(), "m", 7), 422, "MethodFailed");
        awaitLog(api, d.id(), "[failure: thrown, line 1, column 7, after ");
        awaitLog(api, d.id(), "called with value 7]");
    }

    @Test
    void anEndlessLoop_isStoppedAtTheAccountsLimit_andQuarantined() {
        Dev d = withMethod(quick, "while (true) {}");
        long start = System.nanoTime();
        Http.Resp r = call(quick, d.id(), "m", null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.errorCode()).isIn("MethodTimeout", "MethodFailed");
        assertThat(r.errorMessage()).containsAnyOf("ran longer than 300 ms", "statements");
        awaitLog(quick, d.id(), "method 'm' ran ");
        failed(call(quick, d.id(), "m", null), 403, "MethodDisabled");
    }

    @Test
    void aPromiseThatNeverSettles_isATimeout_atOnce() {
        Dev d = withMethod(api, "return new Promise(() => {});");
        assertThat(failed(call(api, d.id(), "m", null), 422, "MethodTimeout")).contains("never finished");
        assertThat(body(api.get("/v3/devices/" + d.id() + "/methods/m"))
                        .get("lastExecution")
                        .get("status")
                        .asText())
                .isEqualTo("timeout");
    }

    @Test
    void endlessRecursion_ofMethodsOrOfAFunction_fails() {
        Dev methods = withMethod(api, "return this.m(value);");
        assertThat(failed(call(api, methods.id(), "m", null), 422, "MethodFailed"))
                .contains("deeper than 8");
        Dev function = withMethod(api, "function f(n) { return f(n + 1) + 1; }\nreturn f(0);");
        assertThat(failed(call(api, function.id(), "m", null), 422, "MethodFailed"))
                .contains("Maximum call stack size exceeded");
        awaitLog(api, function.id(), "Maximum call stack size exceeded");
    }

    @Test
    void unboundedAllocation_isStopped() {
        Dev d = withMethod(quick, "const a = []; while (true) { a.push(new Array(1000).fill(a.length)); }");
        Http.Resp r = call(quick, d.id(), "m", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        awaitLog(quick, d.id(), "method 'm' ");
    }

    @Test
    void aResultThatIsNotJson_fails_naming_what() {
        Dev fn = withMethod(api, "return {f: () => 1};");
        assertThat(failed(call(api, fn.id(), "m", null), 422, "MethodFailed")).contains("a function at result.f");
        Dev cycle = withMethod(api, "const a = {}; a.self = a; return a;");
        assertThat(failed(call(api, cycle.id(), "m", null), 422, "MethodFailed"))
                .contains("a cycle at result.self");
        Dev big = withMethod(api, "return 'x'.repeat(2 * 1024 * 1024);");
        assertThat(failed(call(api, big.id(), "m", null), 422, "MethodFailed")).contains("bytes, more than");
    }

    @Test
    void aWriteBeforeTheFailure_staysWritten_eachSetPropertyIsItsOwnDurableWrite() {
        Dev d = withMethod(api, "await this.setProperty('temperature', {value: 1});\nthrow new Error('after');");
        failed(call(api, d.id(), "m", null), 422, "MethodFailed");
        assertThat(body(api.get("/v3/data/devices/" + d.id()))
                        .get("temperature")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aRunawayOfOneAccount_leavesTheServerAndOtherAccountsAnswering() throws Exception {
        Dev runaway = withMethod(slow, "while (true) {}");
        Dev calm = withMethod(api, "return value + 1;");
        List<CompletableFuture<Http.Resp>> running = List.of(
                CompletableFuture.supplyAsync(() -> call(slow, runaway.id(), "m", null)),
                CompletableFuture.supplyAsync(() -> call(slow, runaway.id(), "m", null)),
                CompletableFuture.supplyAsync(() -> call(slow, runaway.id(), "m", null)));
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertThat(result(call(api, calm.id(), "m", i)).asInt()).isEqualTo(i + 1);
            body(api.get("/v3/devices/" + calm.id()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        }
        for (CompletableFuture<Http.Resp> f : running) {
            Http.Resp r = f.get();
            assertThat(r.status()).as(r.toString()).isIn(403, 422);
        }
        assertThat(result(call(api, calm.id(), "m", 41)).asInt()).isEqualTo(42);
    }
}
