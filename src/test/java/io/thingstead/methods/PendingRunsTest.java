package io.thingstead.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One run per key and one value waiting behind it, the newest, the ones it replaced counted (docs/methods.md: Bound input). */
class PendingRunsTest {
    private final PendingRuns<String, Integer> runs = new PendingRuns<>();

    @Test
    void aValueForAnIdleKey_startsAtOnce() {
        assertThat(runs.offer("dev/m", 1)).isTrue();
        assertThat(runs.isRunning("dev/m")).isTrue();
    }

    @Test
    void aValueWhileItsKeyRuns_waits_andRunsNextWhenTheRunEnds() {
        runs.offer("dev/m", 1);
        assertThat(runs.offer("dev/m", 2)).isFalse();
        assertThat(runs.finished("dev/m")).isEqualTo(new PendingRuns.Next<>(2, 0));
        assertThat(runs.isRunning("dev/m")).isTrue();
        assertThat(runs.finished("dev/m")).isNull();
        assertThat(runs.isRunning("dev/m")).isFalse();
    }

    @Test
    void newerValues_replaceTheWaitingOne_andCountTheSkipped() {
        runs.offer("dev/m", 1);
        for (int v = 2; v <= 5; v++) {
            assertThat(runs.offer("dev/m", v)).isFalse();
        }
        assertThat(runs.finished("dev/m")).isEqualTo(new PendingRuns.Next<>(5, 3));
        runs.offer("dev/m", 6);
        assertThat(runs.finished("dev/m")).isEqualTo(new PendingRuns.Next<>(6, 0));
    }

    @Test
    void aRunEndingWithNothingWaiting_leavesTheKeyIdle_soTheNextValueStartsAgain() {
        runs.offer("dev/m", 1);
        assertThat(runs.finished("dev/m")).isNull();
        assertThat(runs.offer("dev/m", 2)).isTrue();
    }

    @Test
    void forgettingAKey_makesItIdle_andDropsTheWaitingValue() {
        runs.offer("dev/m", 1);
        runs.offer("dev/m", 2);
        assertThat(runs.forget("dev/m")).isEqualTo(1);
        assertThat(runs.isRunning("dev/m")).isFalse();
        assertThat(runs.offer("dev/m", 3)).isTrue();
        assertThat(runs.forget("dev/m")).isZero();
    }

    @Test
    void keys_areIndependent() {
        assertThat(runs.offer("dev1/m", 1)).isTrue();
        assertThat(runs.offer("dev2/m", 1)).isTrue();
        assertThat(runs.offer("dev1/n", 1)).isTrue();
        assertThat(runs.offer("dev1/m", 2)).isFalse();
        assertThat(runs.finished("dev2/m")).isNull();
        assertThat(runs.finished("dev1/m")).isEqualTo(new PendingRuns.Next<>(2, 0));
    }

    @Test
    void finishing_aKeyThatDoesNotRun_isNothing() {
        assertThat(runs.finished("never")).isNull();
        assertThat(runs.offer("never", 1)).isTrue();
    }

    @Test
    void underConcurrentOffers_oneRunAtATime_andEveryValueRunsOrIsCountedSkipped() throws Exception {
        int writers = 4;
        int perWriter = 2_000;
        List<Integer> ran = new ArrayList<>();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int base = w * perWriter;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perWriter; i++) {
                    Integer value = base + i;
                    while (value != null && runs.offer("k", value)) {
                        int now = concurrent.incrementAndGet();
                        maxConcurrent.accumulateAndGet(now, Math::max);
                        synchronized (ran) {
                            ran.add(value);
                        }
                        concurrent.decrementAndGet();
                        PendingRuns.Next<Integer> next = runs.finished("k");
                        value = null;
                        while (next != null) {
                            skipped.addAndGet((int) next.skipped());
                            concurrent.incrementAndGet();
                            synchronized (ran) {
                                ran.add(next.value());
                            }
                            concurrent.decrementAndGet();
                            next = runs.finished("k");
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(maxConcurrent.get()).isEqualTo(1);
        assertThat(ran.size() + skipped.get()).isEqualTo(writers * perWriter);
        assertThat(runs.isRunning("k")).isFalse();
    }
}
