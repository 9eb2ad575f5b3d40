package io.thingstead.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The threads method calls run on: their own, capped per account, errors passed back to the caller. */
class ScriptThreadsTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);

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
        try (ScriptThreads threads = new ScriptThreads(1, 4)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> busy = CompletableFuture.supplyAsync(() -> threads.run("_acc_1", LIMIT, () -> {
                started.countDown();
                await(release);
                return "done";
            }));
            started.await();
            assertThatThrownBy(() -> threads.run("_acc_1", LIMIT, () -> "second"))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
            assertThat(threads.run("_acc_2", LIMIT, () -> "other account")).isEqualTo("other account");
            release.countDown();
            assertThat(busy.get()).isEqualTo("done");
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
