package io.thingstead.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.scripting.ScriptResult.Failure;
import io.thingstead.scripting.ScriptResult.Kind;
import io.thingstead.scripting.ScriptResult.Success;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One runner for a test class, and short ways to run a body and look at its result. */
abstract class ScriptRunnerSupport {
    static final Limits LIMITS = Limits.defaults();
    static ScriptRunner runner;

    @BeforeAll
    static void startRunner() {
        runner = new ScriptRunner();
        // the first call of a JVM loads the language: keep that out of the tests' time limits
        runner.run(
                call("_acc_warm", "return 1", "null", Limits.defaults().withTime(Duration.ofMinutes(1))),
                new FakeHost());
    }

    @AfterAll
    static void closeRunner() {
        runner.close();
    }

    static ScriptCall call(String account, String body, String valueJson, Limits limits) {
        return new ScriptCall(account, "thermo.1", "m", body, FakeHost.json(valueJson), limits);
    }

    static ScriptResult run(String body, String valueJson, FakeHost host) {
        return runner.run(call("_acc_1", body, valueJson, LIMITS), host);
    }

    static JsonNode result(String body, String valueJson, FakeHost host) {
        ScriptResult result = run(body, valueJson, host);
        assertThat(result).as(String.valueOf(result)).isInstanceOf(Success.class);
        return ((Success) result).result();
    }

    static JsonNode result(String body) {
        return result(body, "null", new FakeHost());
    }

    static Failure failure(ScriptResult result, Kind kind) {
        assertThat(result).isInstanceOf(Failure.class);
        Failure failure = (Failure) result;
        assertThat(failure.kind()).as(failure.message()).isEqualTo(kind);
        return failure;
    }
}
