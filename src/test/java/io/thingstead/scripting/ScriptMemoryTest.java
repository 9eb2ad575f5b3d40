package io.thingstead.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.scripting.ScriptResult.Failure;
import io.thingstead.scripting.ScriptResult.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The memory budget of a call (docs/methods.md: Limits): what its thread allocates is counted and
 * the watchdog stops it past its own budget, or the biggest of the calls running at once past
 * their shared one. Budgets here are small, so the tests need little heap.
 */
class ScriptMemoryTest extends ScriptRunnerSupport {
    private static final long MIB = 1024 * 1024;
    private static final String HOARD = "const a = [];\nwhile (true) { a.push(new Array(1000).fill(a.length)); }";

    private static ScriptResult runWith(String body, Limits limits) {
        return runner.run(call("_acc_mem", body, "null", limits), new FakeHost());
    }

    /** Time enough that only memory stops these calls, even on a loaded machine. */
    private static final Duration PLENTY = Duration.ofMinutes(1);

    private static Limits budget(long bytes) {
        return LIMITS.withMemory(bytes).withStatements(Long.MAX_VALUE).withTime(PLENTY);
    }

    @Test
    void endlessAllocation_isStoppedAtTheBudget() {
        Failure failure = failure(runWith(HOARD, budget(16 * MIB)), Kind.MEMORY_LIMIT);
        assertThat(failure.message()).isEqualTo("method 'm' allocated more than 16 MiB");
    }

    @Test
    void aHugeArrayFilledStepByStep_isStoppedAtTheBudget() {
        failure(runWith("return new Array(2 ** 30).fill(0).length;", budget(16 * MIB)), Kind.MEMORY_LIMIT);
    }

    @Test
    void aStoppedCall_leavesTheAccountsNextCallsRunning() {
        failure(runWith(HOARD, budget(16 * MIB)), Kind.MEMORY_LIMIT);
        assertThat(runner.run(call("_acc_mem", "return value + 1", "41", LIMITS), new FakeHost()))
                .isInstanceOfSatisfying(
                        ScriptResult.Success.class,
                        s -> assertThat(s.result().asInt()).isEqualTo(42));
    }

    @Test
    void anOutOfMemoryErrorInABuiltIn_failsThatCallOnly_evenIfTheScriptCaughtIt() {
        FakeHost full = FakeHost.throwingOnGetProperty(new OutOfMemoryError("Java heap space"));
        String body = "try { await this.getProperty('t'); } catch (e) { return 'caught'; }";
        Failure failure = failure(runner.run(call("_acc_mem", body, "null", LIMITS), full), Kind.MEMORY_LIMIT);
        assertThat(failure.message()).isEqualTo("method 'm' ran out of memory (in a built-in)");
        assertThat(runner.run(call("_acc_mem", "return 7", "null", LIMITS), new FakeHost()))
                .isInstanceOf(ScriptResult.Success.class);
    }

    @Test
    void eachCall_hasABudgetOfItsOwn() {
        String body = "let n = 0;\nfor (let i = 0; i < 20; i++) { n += new Array(100000).fill(i).length; }\nreturn n;";
        for (int i = 0; i < 5; i++) {
            ScriptResult r = runWith(body, budget(64 * MIB));
            assertThat(r).as(String.valueOf(r)).isInstanceOf(ScriptResult.Success.class);
        }
    }

    @Test
    void callsRunningAtOnce_pastTheirSharedBudget_theBiggestIsStopped() throws Exception {
        try (ScriptRunner small = new ScriptRunner(2, 16, 24 * MIB);
                ExecutorService threads = Executors.newFixedThreadPool(3)) {
            List<CompletableFuture<ScriptResult>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ScriptCall call = call("_acc_shared", HOARD, "null", budget(256 * MIB));
                calls.add(CompletableFuture.supplyAsync(() -> small.run(call, new FakeHost()), threads));
            }
            for (CompletableFuture<ScriptResult> c : calls) {
                Failure failure = failure(c.get(), Kind.MEMORY_LIMIT);
                assertThat(failure.message())
                        .startsWith("method 'm' was stopped: the method calls running on the server had together");
            }
        }
    }
}
