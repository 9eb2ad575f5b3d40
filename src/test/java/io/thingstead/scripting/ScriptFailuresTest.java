package io.thingstead.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.scripting.ScriptResult.Failure;
import io.thingstead.scripting.ScriptResult.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every failure kind, and runaway scripts stopped within their limits. */
class ScriptFailuresTest extends ScriptRunnerSupport {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration SLACK = Duration.ofSeconds(2);

    private static ScriptResult runWith(String body, Limits limits) {
        return runner.run(call("_acc_1", body, "null", limits), new FakeHost());
    }

    @Test
    void syntaxError_givesLineAndColumnInTheBody() {
        Failure failure = failure(run("let a = 1;\nlet b = (;\nreturn b;", "null", new FakeHost()), Kind.SYNTAX);
        assertThat(failure.line()).isEqualTo(2);
        assertThat(failure.column()).isEqualTo(10);
        assertThat(failure.message()).startsWith("method 'm' does not parse at line 2, column 10: ");
    }

    @Test
    void endlessLoop_stopsAtTheTimeLimit() {
        Limits limits = Limits.defaults().withTime(SHORT);
        Failure failure = failure(runWith("while (true) {}", limits.withStatements(Long.MAX_VALUE)), Kind.TIMEOUT);
        assertThat(failure.took()).isLessThan(SHORT.plus(SLACK));
        assertThat(failure.message()).isEqualTo("method 'm' ran longer than 300 ms");
    }

    @Test
    void endlessLoop_stopsAtTheStatementLimit() {
        Failure failure = failure(
                runWith("let i = 0; while (true) { i++; }", LIMITS.withStatements(10_000)), Kind.STATEMENT_LIMIT);
        assertThat(failure.message()).isEqualTo("method 'm' ran more than 10000 statements");
    }

    @Test
    void endlessRecursion_isAThrownRangeError() {
        Failure failure = failure(
                run("function f(n) { return f(n + 1) + 1; }\nreturn f(0);", "null", new FakeHost()), Kind.THROWN);
        assertThat(failure.message()).contains("Maximum call stack size exceeded");
    }

    @Test
    void neverCallingDone_failsAtOnceAsNeverFinished() {
        Failure failure = failure(
                run("Device.api.getProperty('t').then(p => p.value); // done never called", "null", new FakeHost()),
                Kind.TIMEOUT);
        assertThat(failure.message()).contains("never finished");
        assertThat(failure.took()).isLessThan(LIMITS.time());
    }

    @Test
    void promiseNeverSettling_failsAsNeverFinished() {
        failure(run("return new Promise(() => {});", "null", new FakeHost()), Kind.TIMEOUT);
    }

    @Test
    void throw_givesTheMessageAndLine() {
        Failure failure =
                failure(run("let x = 1;\n\nthrow new Error('valve stuck');", "null", new FakeHost()), Kind.THROWN);
        assertThat(failure.line()).isEqualTo(3);
        assertThat(failure.message()).isEqualTo("method 'm' threw at line 3: valve stuck");
    }

    @Test
    void rejectionAndDoneWithError_areThrown() {
        assertThat(failure(run("return Promise.reject('no power')", "null", new FakeHost()), Kind.THROWN)
                        .message())
                .isEqualTo("method 'm' threw: no power");
        assertThat(failure(run("done({code: 7}, null)", "null", new FakeHost()), Kind.THROWN)
                        .message())
                .isEqualTo("method 'm' threw: {\"code\":7}");
    }

    @Test
    void resultNotJson_isNamedWithItsPath() {
        assertThat(failure(run("return {a: [1, () => 2]}", "null", new FakeHost()), Kind.NOT_JSON)
                        .message())
                .isEqualTo("method 'm' returned something that is not JSON: a function at result.a[1]");
        assertThat(failure(run("const o = {}; o.self = o; return o;", "null", new FakeHost()), Kind.NOT_JSON)
                        .message())
                .endsWith("a cycle at result.self");
        failure(run("return Symbol('s')", "null", new FakeHost()), Kind.NOT_JSON);
        failure(run("return 10n", "null", new FakeHost()), Kind.NOT_JSON);
    }

    @Test
    void resultEdgeCases_becomeJson() {
        assertThat(result("return undefined").isNull()).isTrue();
        assertThat(result("return [undefined, NaN, Infinity]").toString()).isEqualTo("[null,null,null]");
        assertThat(result("return {a: undefined, b: 1}").toString()).isEqualTo("{\"b\":1}");
        assertThat(result("return new Date(0)").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(result("const shared = {x: 1}; return [shared, shared]").toString())
                .isEqualTo("[{\"x\":1},{\"x\":1}]");
        assertThat(result("return 'é€😀'").asText()).isEqualTo("é€😀");
        assertThat(result("return 1.5").asDouble()).isEqualTo(1.5);
    }

    @Test
    void resultTooLarge_isRefused() {
        Limits small = new Limits(Limits.DEFAULT_TIME, Limits.DEFAULT_STATEMENTS, 1000, 100, 8, Limits.DEFAULT_MEMORY);
        assertThat(failure(runWith("return 'x'.repeat(200)", small), Kind.RESULT_TOO_LARGE)
                        .message())
                .isEqualTo("method 'm' returned 202 bytes, more than 100");
    }

    @Test
    void scriptTooLarge_isRefusedBeforeParsing() {
        Limits small = new Limits(Limits.DEFAULT_TIME, Limits.DEFAULT_STATEMENTS, 10, 100, 8, Limits.DEFAULT_MEMORY);
        failure(runWith("return 'this body is longer than ten bytes'", small), Kind.SCRIPT_TOO_LARGE);
    }

    @Test
    void builtInFailureNotHandled_isAHostError() {
        FakeHost host = new FakeHost();
        host.failWith = "property 'nope' does not exist";
        Failure failure = failure(run("await this.setProperty('nope', {value: 1});", "null", host), Kind.HOST_ERROR);
        assertThat(failure.message()).isEqualTo("method 'm' failed in a built-in: property 'nope' does not exist");
    }

    @Test
    void hostBug_isHiddenFromTheScript() {
        FakeHost host = FakeHost.throwingOnGetProperty(new IllegalStateException("secret detail"));
        Failure failure = failure(run("return await this.getProperty('t');", "null", host), Kind.HOST_ERROR);
        assertThat(failure.message()).doesNotContain("secret").contains("internal error");
    }
}
