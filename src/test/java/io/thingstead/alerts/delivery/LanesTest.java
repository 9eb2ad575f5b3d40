package io.thingstead.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LanesTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final List<String> dropped = new CopyOnWriteArrayList<>();

    private Lanes.Job job(String name, CountDownLatch gate) {
        return new Lanes.Job() {
            @Override
            public void run() {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ran.add(name + " interrupted");
                    return;
                }
                ran.add(name);
            }

            @Override
            public void dropped(String reason) {
                dropped.add(name + ": " + reason);
            }
        };
    }

    @Test
    void aDestinationThatHangs_holdsOnlyItsOwnWorkers() {
        CountDownLatch hung = new CountDownLatch(1);
        try (Lanes lanes = new Lanes(100, 2, Duration.ofMillis(100))) {
            for (int i = 0; i < 5; i++) {
                assertThat(lanes.offer("slow", job("slow" + i, hung))).isTrue();
            }
            assertThat(lanes.offer("fast", job("fast", new CountDownLatch(0)))).isTrue();

            await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("fast"));
            assertThat(lanes.waiting()).isEqualTo(3); // two slow ones run, three wait
            hung.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 6);
        }
    }

    @Test
    void aFullQueue_refusesMore_andClosingDropsWhatWaits_tellingEachJob() {
        CountDownLatch hung = new CountDownLatch(1);
        Lanes lanes = new Lanes(2, 1, Duration.ofMillis(50));
        assertThat(lanes.offer("a", job("first", hung))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.waiting() == 0); // first is running
        assertThat(lanes.offer("a", job("second", hung))).isTrue();
        assertThat(lanes.offer("a", job("third", hung))).isTrue();
        assertThat(lanes.offer("a", job("fourth", hung))).isFalse();

        lanes.close();

        assertThat(dropped)
                .containsExactlyInAnyOrder("second: the server is stopping", "third: the server is stopping");
        assertThat(ran).contains("first interrupted");
        assertThat(lanes.offer("c", job("late", hung))).isFalse();
    }
}
