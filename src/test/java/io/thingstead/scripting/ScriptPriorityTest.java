package io.thingstead.scripting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thingstead.scripting.ScriptResult.Kind;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call that computes for long yields the cores (docs/methods.md: Limits): once its thread has
 * used {@link ChainWatch#LOWER_AFTER} of CPU it runs at Linux's idle priority, and gets its normal
 * priority back when the call ends; a quick call is never lowered, and neither is a virtual
 * thread's carrier. Linux only, where the server lowers threads.
 */
class ScriptPriorityTest extends ScriptRunnerSupport {
    private static final int NORMAL = 0;
    private static final int IDLE = 5;
    private static final String SPIN = "while (true) {}";

    /** One platform thread, as a script thread of the server. */
    private ExecutorService thread;

    @BeforeEach
    void linuxAndAThread() throws Exception {
        thread = Executors.newSingleThreadExecutor();
        assumeTrue(
                thread.submit(ThreadPriority::currentId).get() != ThreadPriority.NONE, "lowering threads needs Linux");
    }

    @AfterEach
    void stopThread() {
        thread.shutdownNow();
    }

    private int policyOfTheThread() throws Exception {
        return thread.submit(() -> ThreadPriority.policy(ThreadPriority.currentId()))
                .get();
    }

    @Test
    void aCallComputingForLong_runsAtTheIdlePriority_andItsThreadGetsItsPriorityBackAfter() throws Exception {
        int tid = thread.submit(ThreadPriority::currentId).get();
        Limits twoSeconds = LIMITS.withStatements(Long.MAX_VALUE).withTime(Duration.ofSeconds(2));
        Future<ScriptResult> spinning =
                thread.submit(() -> runner.run(call("_acc_prio", SPIN, "null", twoSeconds), new FakeHost()));

        await().atMost(Duration.ofSeconds(2)).until(() -> ThreadPriority.policy(tid) == IDLE);
        failure(spinning.get(), Kind.TIMEOUT);

        assertThat(policyOfTheThread()).isEqualTo(NORMAL);
        assertThat(thread.submit(ThreadPriority::leftLow).get()).isFalse();
    }

    @Test
    void aQuickCall_isNeverLowered() throws Exception {
        for (int i = 0; i < 50; i++) {
            ScriptResult r = thread.submit(
                            () -> runner.run(call("_acc_prio", "return value + 1", "1", LIMITS), new FakeHost()))
                    .get();
            assertThat(r).isInstanceOf(ScriptResult.Success.class);
        }
        assertThat(policyOfTheThread()).isEqualTo(NORMAL);
    }

    @Test
    void aVirtualThread_hasNoIdOfItsOwn_soItsCarrierIsNeverLowered() throws Exception {
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThat(virtual.submit(ThreadPriority::currentId).get()).isEqualTo(ThreadPriority.NONE);
        }
    }

    @Test
    void aThreadThatCouldNotBeRaised_isLeftLow_soItsOwnerRetiresIt() throws Exception {
        int tid = thread.submit(ThreadPriority::currentId).get();
        assertThat(ThreadPriority.lower(tid)).isTrue();
        assertThat(policyOfTheThread()).isEqualTo(IDLE);
        // raising back succeeds here (the tests may run with CAP_SYS_NICE) or leaves the mark
        boolean raised = thread.submit(() -> {
                    ThreadPriority.restore();
                    return ThreadPriority.policy(ThreadPriority.currentId()) == NORMAL;
                })
                .get();
        assertThat(thread.submit(ThreadPriority::leftLow).get()).isEqualTo(!raised);
    }
}
