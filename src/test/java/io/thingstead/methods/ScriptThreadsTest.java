package io.thingstead.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.scripting.Host;
import io.thingstead.scripting.Limits;
import io.thingstead.scripting.ScriptCall;
import io.thingstead.scripting.ScriptResult;
import io.thingstead.scripting.ScriptRunner;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The threads method calls run on: their own, capped per account and in all, a call beyond the cap
 * waiting a bounded time for a slot, errors passed back to the caller.
 */
class ScriptThreadsTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration LONG_WAIT = Duration.ofSeconds(10);
    private static final Duration SHORT_WAIT = Duration.ofMillis(200);
    /** A thread of its own for each task: the common pool may have a single thread here. */
    private static final Executor OWN_THREAD = r -> Thread.ofVirtual().start(r);

    @Test
    void aCall_runsOnAPlatformThreadOfItsOwn_andAnswersTheCaller() {
        try (ScriptThreads threads = new ScriptThreads(2, 4)) {
            String name =
                    threads.run("_acc_1", LIMIT, () -> Thread.currentThread().getName());
            assertThat(name).startsWith("method-");
            assertThat(threads.run("_acc_1", LIMIT, () -> Thread.currentThread().isVirtual()))
                    .isFalse();
        }
    }

    @Test
    void aThreadLeftAtTheIdlePriority_isRetired_andTheNextCallRunsOnAFreshOne() {
        AtomicBoolean leftLow = new AtomicBoolean(true);
        try (ScriptThreads threads = new ScriptThreads(2, 4, SHORT_WAIT, leftLow::get)) {
            Thread first = threads.run("_acc_1", LIMIT, Thread::currentThread);
            org.awaitility.Awaitility.await().atMost(LONG_WAIT).until(() -> !first.isAlive());
            leftLow.set(false);
            Thread second = threads.run("_acc_1", LIMIT, Thread::currentThread);
            assertThat(second).isNotSameAs(first);
            // not left low: the thread stays for the next call (the pool's keep-alive is 30 s)
            org.awaitility.Awaitility.await()
                    .during(SHORT_WAIT)
                    .atMost(LONG_WAIT)
                    .until(second::isAlive);
        }
    }

    @Test
    void anApiExceptionOfTheCall_reachesTheCallerAsItIs() {
        try (ScriptThreads threads = new ScriptThreads(2, 4)) {
            assertThatThrownBy(() -> threads.run("_acc_1", LIMIT, () -> {
                        throw new ApiException(ErrorCode.METHOD_FAILED, "boom");
                    }))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.METHOD_FAILED);
                        assertThat(e.getMessage()).isEqualTo("boom");
                    });
        }
    }

    @Test
    void anOutOfMemoryErrorOfTheCall_isThatCallsFailure_andTheNextCallRuns() {
        try (ScriptThreads threads = new ScriptThreads(1, 4)) {
            assertThatThrownBy(() -> threads.run("_acc_1", LIMIT, () -> {
                        throw new OutOfMemoryError("Java heap space");
                    }))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.METHOD_OUT_OF_MEMORY));
            assertThat(threads.run("_acc_1", LIMIT, () -> "next")).isEqualTo("next");
        }
    }

    @Test
    void anAccountAtItsCap_isRateLimited_whileAnotherAccountStillRuns() throws Exception {
        try (ScriptThreads threads = new ScriptThreads(1, 4, Duration.ZERO)) {
            Busy busy = Busy.start(threads, "_acc_1");
            assertThatThrownBy(() -> threads.run("_acc_1", LIMIT, () -> "second"))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
            assertThat(threads.run("_acc_2", LIMIT, () -> "other account")).isEqualTo("other account");
            busy.release.countDown();
            assertThat(busy.result.get()).isEqualTo("done");
            assertThat(threads.run("_acc_1", LIMIT, () -> "again")).isEqualTo("again");
        }
    }

    @Test
    void aCallPastItsLimitAndGrace_answersTheCallerWithATimeout() {
        try (ScriptThreads threads = new ScriptThreads(1, 4)) {
            CountDownLatch never = new CountDownLatch(1);
            assertThatThrownBy(() -> threads.run("_acc_1", Duration.ofMillis(1), () -> {
                        await(never);
                        return "late";
                    }))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.METHOD_TIMEOUT));
        }
    }

    @Test
    void aCallBeyondTheCap_waitsForASlotFreedWithinTheWait_andRuns() throws Exception {
        try (ScriptThreads threads = new ScriptThreads(1, 4, LONG_WAIT)) {
            Busy busy = Busy.start(threads, "_acc_1");
            long start = System.nanoTime();
            // frees the slot 300 ms from now, while the second call waits for it
            CompletableFuture.runAsync(
                    busy.release::countDown, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS, OWN_THREAD));
            assertThat(threads.run("_acc_1", LIMIT, () -> "second")).isEqualTo("second");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(250))
                    .isLessThan(LONG_WAIT);
            assertThat(busy.result.get()).isEqualTo("done");
        }
    }

    @Test
    void aCallBeyondTheCap_isRateLimited_whenNoSlotIsFreedWithinTheWait() throws Exception {
        try (ScriptThreads threads = new ScriptThreads(1, 4, SHORT_WAIT)) {
            Busy busy = Busy.start(threads, "_acc_1");
            long start = System.nanoTime();
            assertThatThrownBy(() -> threads.run("_acc_1", LIMIT, () -> "second"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                        assertThat(e.getMessage()).contains("runs 1 methods at once already");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(SHORT_WAIT.minusMillis(10))
                    .isLessThan(LIMIT);
            busy.release.countDown();
            assertThat(busy.result.get()).isEqualTo("done");
        }
    }

    @Test
    void aStartBeyondTheCap_isRefusedAtOnce_withoutWaitingForASlot() throws Exception {
        try (ScriptThreads threads = new ScriptThreads(1, 4, LONG_WAIT)) {
            Busy busy = Busy.start(threads, "_acc_1");
            AtomicBoolean ran = new AtomicBoolean();
            long start = System.nanoTime();
            assertThatThrownBy(() -> threads.start("_acc_1", () -> ran.set(true), () -> ran.set(true)))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LONG_WAIT.dividedBy(2));
            busy.release.countDown();
            assertThat(busy.result.get()).isEqualTo("done");
            assertThat(ran).isFalse();
        }
    }

    @Test
    void theTotalCap_holdsAcrossAccounts_aCallBeyondItIsUnavailableAfterTheWait() throws Exception {
        try (ScriptThreads threads = new ScriptThreads(2, 2, SHORT_WAIT)) {
            Busy first = Busy.start(threads, "_acc_1");
            Busy second = Busy.start(threads, "_acc_2");
            for (String account : new String[] {"_acc_1", "_acc_3"}) {
                assertThatThrownBy(() -> threads.run(account, LIMIT, () -> "third"))
                        .isInstanceOfSatisfying(
                                ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            }
            first.release.countDown();
            assertThat(first.result.get()).isEqualTo("done");
            assertThat(threads.run("_acc_3", LIMIT, () -> "now")).isEqualTo("now");
            second.release.countDown();
            assertThat(second.result.get()).isEqualTo("done");
        }
    }

    @Test
    void aRunawayScript_isStoppedAtItsLimit_andItsSlotIsFreeWhenItsCallerIsAnswered() {
        try (ScriptRunner runner = new ScriptRunner();
                ScriptThreads threads = new ScriptThreads(1, 4, Duration.ZERO)) {
            Host none = (Host)
                    Proxy.newProxyInstance(Host.class.getClassLoader(), new Class<?>[] {Host.class}, (p, m, a) -> {
                        throw new UnsupportedOperationException(m.getName());
                    });
            // the first call of a JVM loads the language: keep that out of the time limit
            runner.run(call("return 1", Limits.defaults().withTime(Duration.ofMinutes(1))), none);
            Duration limit = Duration.ofMillis(300);
            Limits runaway = Limits.defaults().withTime(limit).withStatements(Long.MAX_VALUE);
            long start = System.nanoTime();
            ScriptResult result =
                    threads.run("_acc_1", limit, () -> runner.run(call("while (true) {}", runaway), none));
            assertThat(result)
                    .isInstanceOfSatisfying(
                            ScriptResult.Failure.class,
                            f -> assertThat(f.kind()).isEqualTo(ScriptResult.Kind.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(limit.plusSeconds(2));
            assertThat(threads.run("_acc_1", LIMIT, () -> "slot free")).isEqualTo("slot free");
        }
    }

    private static ScriptCall call(String body, Limits limits) {
        return new ScriptCall("_acc_1", "thermo.1", "m", body, NullNode.getInstance(), limits);
    }

    /** A call of {@code account} that holds its slot until {@code release}. */
    private record Busy(CountDownLatch release, CompletableFuture<String> result) {
        static Busy start(ScriptThreads threads, String account) throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> result = CompletableFuture.supplyAsync(
                    () -> threads.run(account, LIMIT, () -> {
                        started.countDown();
                        await(release);
                        return "done";
                    }),
                    OWN_THREAD);
            started.await();
            return new Busy(release, result);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
