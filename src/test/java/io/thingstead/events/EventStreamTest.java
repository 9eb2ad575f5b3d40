package io.thingstead.events;

import static io.thingstead.events.Events.stored;
import static io.thingstead.events.Events.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thingstead.core.Subscription;
import io.thingstead.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher of stored events, without a server: lanes per device, isolation, overflow, unsubscribe. */
class EventStreamTest {
    private final EventStream stream = new EventStream();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        stream.close();
    }

    /** What a subscriber named "test" hears, by device. */
    private Map<String, List<Integer>> heardByDevice() {
        Map<String, List<Integer>> heard = new ConcurrentHashMap<>();
        stream.subscribe(
                "test",
                e -> heard.computeIfAbsent(e.lane(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(value(e)));
        return heard;
    }

    @Test
    void aSubscriber_hearsEachDevicesEvents_inCommitOrder() {
        Map<String, List<Integer>> heard = heardByDevice();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            stream.publish(List.of(stored("_dev_1", i, i), stored("_dev_2", 1000 + i, i)));
            expected.add(i);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> heard.getOrDefault("_dev_2", List.of()).size() == 500
                        && heard.getOrDefault("_dev_1", List.of()).size() == 500);
        assertThat(heard.get("_dev_1")).containsExactlyElementsOf(expected);
        assertThat(heard.get("_dev_2"))
                .containsExactlyElementsOf(expected.stream().map(i -> 1000 + i).toList());
    }

    @Test
    void aCommitOfManyEventsOfFewDevices_reachesTheSubscriber_eachDevicesInOrder() {
        Map<String, List<Integer>> heard = heardByDevice();
        List<Integer> expected = new ArrayList<>();
        // 1,000 events in all: no lane overflows (a lane holds 1,000 by default)
        for (int commit = 0; commit < 10; commit++) {
            List<StoredEvent> events = new ArrayList<>();
            for (int j = 0; j < 100; j++) {
                int i = commit * 100 + j;
                events.add(stored(j % 3 == 0 ? "_dev_2" : "_dev_1", i, i));
                if (j % 3 != 0) {
                    expected.add(i);
                }
            }
            stream.publish(events);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> heard.getOrDefault("_dev_1", List.of()).size() == expected.size()
                        && heard.getOrDefault("_dev_2", List.of()).size() == 1_000 - expected.size());
        assertThat(heard.get("_dev_1")).containsExactlyElementsOf(expected);
        assertThat(heard.get("_dev_2")).isSorted();
    }

    @Test
    void aStuckSubscriber_stallsNeitherThePublisherNorAnotherSubscriber_norItsOtherDevices() {
        List<Integer> fast = new CopyOnWriteArrayList<>();
        List<String> slow = new CopyOnWriteArrayList<>();
        stream.subscribe("stuck", e -> {
            if (e.lane().equals("_dev_1")) {
                awaitRelease();
            }
            slow.add(e.lane());
        });
        stream.subscribe("fast", e -> fast.add(value(e)));

        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            stream.publish(List.of(stored("_dev_1", i, i)));
        }
        stream.publish(List.of(stored("_dev_2", 7, 0)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> fast.size() == 101 && slow.contains("_dev_2"));
        assertThat(slow).doesNotContain("_dev_1");
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.size() == 101);
    }

    @Test
    void aFullLane_dropsItsOldestEvents_countsThem_andLogsOnce() {
        List<Integer> heard = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        EventStream.Feed feed;
        try (LogCapture log = new LogCapture()) {
            feed = stream.subscribe("slow", 3, e -> {
                first.countDown();
                awaitRelease();
                heard.add(value(e));
            });
            stream.publish(List.of(stored("_dev_1", 0, 0)));
            awaitLatch(first);
            // 0 is being delivered; the lane holds 3 more: 1..5 overflow it by 2.
            for (int i = 1; i <= 5; i++) {
                stream.publish(List.of(stored("_dev_1", i, i)));
            }
            assertThat(feed.dropped()).isEqualTo(2);
            assertThat(log.lines().stream().filter(l -> l.contains("is behind")))
                    .singleElement()
                    .asString()
                    .startsWith("WARN")
                    .contains("slow", "_dev_1", "full (3 events)", "1 dropped so far");
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 4);
        assertThat(heard).containsExactly(0, 3, 4, 5);
    }

    @Test
    void anUnsubscribedSubscriber_hearsNothingMore_andTheOthersGoOn() {
        List<Integer> gone = new CopyOnWriteArrayList<>();
        List<Integer> stays = new CopyOnWriteArrayList<>();
        Subscription first = stream.subscribe("gone", e -> gone.add(value(e)));
        stream.subscribe("stays", e -> stays.add(value(e)));
        stream.publish(List.of(stored("_dev_1", 1, 1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> gone.size() == 1 && stays.size() == 1);

        first.close();
        first.close();
        stream.publish(List.of(stored("_dev_1", 2, 2)));
        await().atMost(Duration.ofSeconds(5)).until(() -> stays.size() == 2);
        assertThat(gone).containsExactly(1);
    }

    @Test
    void aView_isAppliedBeforePublishReturns_andASubscriberThatThrows_skipsOnlyThatEvent() {
        List<Integer> viewed = new ArrayList<>();
        List<Integer> heard = new CopyOnWriteArrayList<>();
        stream.view("memory", e -> viewed.add(value(e)));
        stream.subscribe("flaky", e -> {
            if (value(e) == 1) {
                throw new IllegalStateException("on purpose");
            }
            heard.add(value(e));
        });
        try (LogCapture log = new LogCapture()) {
            stream.publish(List.of(stored("_dev_1", 1, 1), stored("_dev_1", 2, 2)));
            assertThat(viewed).containsExactly(1, 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> log.lines().stream().anyMatch(l -> l.contains("Subscriber flaky failed")));
        }
        assertThat(heard).containsExactly(2);
    }

    private void awaitRelease() {
        awaitLatch(release);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFilteredSubscriber_hearsOnlyTheEventsItWants_andAFilterThatThrows_dropsOnlyThatEvent() {
        List<Integer> heard = new CopyOnWriteArrayList<>();
        stream.subscribe(
                "even",
                EventStream.DEFAULT_LANE,
                e -> {
                    if (value(e) == 3) {
                        throw new IllegalStateException("on purpose");
                    }
                    return value(e) % 2 == 0 || value(e) == 7;
                },
                e -> heard.add(value(e)));
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 10; i++) {
                stream.publish(List.of(stored("_dev_1", i, i)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 6);
            assertThat(heard).containsExactly(0, 2, 4, 6, 7, 8);
            assertThat(logs.lines()).anyMatch(m -> m.contains("Subscriber even failed to filter"));
        }
    }
}
