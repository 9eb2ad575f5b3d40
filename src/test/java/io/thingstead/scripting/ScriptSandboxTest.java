package io.thingstead.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.scripting.ScriptResult.Success;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** No way out of the sandbox, no way into another account, and many calls at once. */
class ScriptSandboxTest extends ScriptRunnerSupport {
    @Test
    void hostAndJavaAccess_areAbsent() {
        assertThat(result("return [typeof java, typeof Java, typeof Packages, typeof Polyglot, typeof load,"
                                + " typeof loadWithNewGlobal, typeof require, typeof process].join()")
                        .asText())
                .isEqualTo("undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined");
    }

    @Test
    void builtInsHandNoHostObject() {
        assertThat(result(
                                "const p = await this.getProperty('t'); return Object.getPrototypeOf(p) === Object.prototype;")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void globalOfOneAccount_isInvisibleToAnother() {
        FakeHost host = new FakeHost();
        runner.run(call("_acc_A", "globalThis.secret = 'A-only'; return 1;", "null", LIMITS), host);
        ScriptResult inA = runner.run(call("_acc_A", "return typeof secret;", "null", LIMITS), host);
        ScriptResult inB = runner.run(call("_acc_B", "return typeof secret;", "null", LIMITS), host);
        assertThat(((Success) inB).result().asText()).isEqualTo("undefined");
        // A's own context keeps it (one idle context, reused); the point is B never sees it
        assertThat(((Success) inA).result().asText()).isIn("string", "undefined");
    }

    @Test
    void scriptSpoilingJson_spoilsOnlyItsOwnResults() {
        runner.run(
                call(
                        "_acc_C",
                        "JSON.stringify = () => 'bad'; Promise.prototype.then = null; return 1;",
                        "null",
                        LIMITS),
                new FakeHost());
        ScriptResult after = runner.run(call("_acc_C", "return {ok: true};", "null", LIMITS), new FakeHost());
        assertThat(after).isInstanceOf(Success.class);
    }

    @Test
    void manyCallsOnVirtualThreads_eachGetTheirOwnAnswer() throws Exception {
        List<Future<ScriptResult>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                String account = "_acc_" + (i % 4);
                String body = "let s = 0; for (let k = 0; k < 1000; k++) s += k;"
                        + " const p = await this.getProperty('t'); return [value, s, p.value];";
                int n = i;
                futures.add(threads.submit(
                        () -> runner.run(call(account, body, String.valueOf(n), LIMITS), new FakeHost())));
            }
            for (int i = 0; i < futures.size(); i++) {
                ScriptResult result = futures.get(i).get();
                assertThat(result).as(String.valueOf(result)).isInstanceOf(Success.class);
                assertThat(((Success) result).result().toString()).isEqualTo("[" + i + ",499500,21.5]");
            }
        }
    }
}
