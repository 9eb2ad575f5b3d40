package io.thingstead.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.thingstead.events.EventStream;
import io.thingstead.profiles.Property;
import io.thingstead.testing.Entities;
import io.thingstead.testing.FailingStore;
import io.thingstead.testing.InMemoryTimeSeries;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import io.thingstead.timeseries.Stored;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store writer's lanes: a device's writes in order, lanes apart, and a failing lane acknowledging nothing. */
class WriterLanesTest {
    private static final Property TEMP = Entities.property("_prp_21", "_acc_1", "_dpf_1", "temperature");
    private static final int LANES = 4;

    private final InMemoryTimeSeries memory = new InMemoryTimeSeries();
    private final FailingStore store = FailingStore.around(memory);
    private final LatestValues latest = new LatestValues();
    private final EventStream events = new EventStream();
    private final Writer writer =
            new Writer(store, latest, events, InstantSource.fixed(java.time.Instant.EPOCH), LANES);

    @AfterEach
    void close() {
        writer.close();
        events.close();
    }

    private static Writer.Item item(long device, long time, double value) {
        return new Writer.Item(new DataPoint("_dev_" + device, TEMP.id(), time, DoubleNode.valueOf(value), null), TEMP);
    }

    /** Two devices on different lanes, the lowest device numbers from {@code from} on. */
    private static long[] devicesOnTwoLanes(long from) {
        long first = from;
        long second = from + 1;
        while (WriterLanes.lane(second, LANES) == WriterLanes.lane(first, LANES)) {
            second++;
        }
        return new long[] {first, second};
    }

    @Test
    void lane_ofADevice_isAlwaysTheSame_andDevicesSpreadOverEveryLane() {
        Set<Integer> used = new HashSet<>();
        for (long d = 1; d <= 1_000; d++) {
            assertThat(WriterLanes.lane(d, LANES)).isEqualTo(WriterLanes.lane(d, LANES));
            used.add(WriterLanes.lane(d, LANES));
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(WriterLanes.lane(12345, 1)).isZero();
    }

    @Test
    void submit_concurrentWritersOfManyDevices_storeEachDevicesPointsInTheOrderSubmitted() throws Exception {
        Map<Long, List<Double>> seen = new ConcurrentHashMap<>();
        store.onWrite(
                history -> history.forEach(s -> seen.computeIfAbsent(s.device(), k -> new CopyOnWriteArrayList<>())
                        .add(s.point().value().doubleValue())));
        int devices = 16;
        int perDevice = 300;
        List<CompletableFuture<Writer.Written>> futures = new CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int d = 0; d < devices; d++) {
                long device = 100 + d;
                pool.submit(() -> {
                    for (int i = 0; i < perDevice; i++) {
                        futures.add(writer.submit(List.of(item(device, 1_000 + i, i)), List.of()));
                    }
                });
            }
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        List<Double> inOrder =
                IntStream.range(0, perDevice).mapToObj(i -> (double) i).toList();
        for (int d = 0; d < devices; d++) {
            String id = "_dev_" + (100 + d);
            assertThat(seen.get(100L + d)).isEqualTo(inOrder);
            assertThat(memory.stats(id, TEMP.id()).count()).isEqualTo(perDevice);
            assertThat(latest.get(id, TEMP.id()).value().doubleValue()).isEqualTo(perDevice - 1);
        }
    }

    @Test
    void submit_serverTimedPointsOfOneMillisecondFromConcurrentWriters_getUniqueTimesPerSeries() throws Exception {
        List<CompletableFuture<Writer.Written>> futures = new CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        for (long device = 1; device <= 4; device++) {
                            DataPoint p =
                                    new DataPoint("_dev_" + device, TEMP.id(), 5_000, DoubleNode.valueOf(i), null);
                            futures.add(writer.submit(List.of(new Writer.Item(p, TEMP, true)), List.of()));
                        }
                    }
                });
            }
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        for (long device = 1; device <= 4; device++) {
            assertThat(memory.stats("_dev_" + device, TEMP.id()).count()).isEqualTo(800);
        }
    }

    @Test
    void submit_writeOfDevicesOnTwoLanes_isStoredOnBoth_andReportsReplacedPositionsOfTheWholeWrite() {
        long[] d = devicesOnTwoLanes(1);
        writer.submit(List.of(item(d[0], 10, 1), item(d[1], 10, 1)), List.of()).join();

        Writer.Written w = writer.submit(
                        List.of(item(d[0], 20, 2), item(d[1], 10, 2), item(d[0], 10, 2), item(d[1], 30, 2)), List.of())
                .join();

        assertThat(w.replaced()).containsExactly(1, 2);
        assertThat(memory.stats("_dev_" + d[0], TEMP.id()).count()).isEqualTo(2);
        assertThat(memory.stats("_dev_" + d[1], TEMP.id()).count()).isEqualTo(2);
    }

    @Test
    void submit_whileOneLaneFails_itsWritesAndSplitWritesWithItAreNotAcknowledged_otherLanesGoOn() {
        long[] d = devicesOnTwoLanes(1);
        store.failingDevice("_dev_" + d[0]);

        CompletableFuture<Writer.Written> failed = writer.submit(List.of(item(d[0], 10, 1)), List.of());
        CompletableFuture<Writer.Written> split =
                writer.submit(List.of(item(d[1], 20, 1), item(d[0], 20, 1)), List.of());
        CompletableFuture<Writer.Written> other = writer.submit(List.of(item(d[1], 30, 1)), List.of());

        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class);
        assertThatThrownBy(split::join).isInstanceOf(CompletionException.class);
        assertThat(other.join().replaced()).isEmpty();
        assertThat(memory.stats("_dev_" + d[0], TEMP.id()).count()).isZero();
        assertThat(latest.get("_dev_" + d[0], TEMP.id())).isNull();
        assertThat(latest.get("_dev_" + d[1], TEMP.id()).time()).isEqualTo(30);
    }

    @Test
    void submit_logsOfDevicesOnTwoLanes_areStoredWithTheirDevices() {
        long[] d = devicesOnTwoLanes(50);
        List<LogEntry> logs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            logs.add(new LogEntry(
                    "_log_" + (i + 1), "_dev_" + d[i], "2026-01-01T00:00:00.000Z", LogLevel.INFO, "Test", "m" + i));
        }
        writer.submit(List.of(), logs).join();
        assertThat(memory.countLogs("_dev_" + d[0])).isEqualTo(1);
        assertThat(memory.countLogs("_dev_" + d[1])).isEqualTo(1);
        assertThat(Stored.digits(memory.logs("_dev_" + d[1], 0, 10).get(0).id()))
                .isEqualTo(2);
    }

    @Test
    void close_afterWritesOnEveryLane_storesWhatWasQueued_andRefusesLaterWrites() {
        List<CompletableFuture<Writer.Written>> futures = new ArrayList<>();
        for (long device = 1; device <= 40; device++) {
            futures.add(writer.submit(List.of(item(device, 10, 1)), List.of()));
        }
        writer.close();
        futures.forEach(CompletableFuture::join);
        assertThat(memory.loadLatest()).hasSize(40);
        assertThatThrownBy(
                        () -> writer.submit(List.of(item(1, 20, 1)), List.of()).join())
                .isInstanceOf(CompletionException.class);
    }

    @Test
    void deleteProperty_afterWritesOnEveryLane_deletesThemAll_andKeepsTheWritesQueuedAfterIt() {
        List<CompletableFuture<Writer.Written>> before = new ArrayList<>();
        for (long device = 1; device <= 20; device++) {
            before.add(writer.submit(List.of(item(device, 10, 1)), List.of()));
        }
        CompletableFuture<Void> deleted = writer.deleteProperty(TEMP.id());
        List<CompletableFuture<Writer.Written>> after = new ArrayList<>();
        for (long device = 1; device <= 20; device++) {
            after.add(writer.submit(List.of(item(device, 20, 2)), List.of()));
        }
        before.forEach(CompletableFuture::join);
        deleted.join();
        after.forEach(CompletableFuture::join);
        for (long device = 1; device <= 20; device++) {
            assertThat(memory.history("_dev_" + device, TEMP.id(), 0, Long.MAX_VALUE, 10, false))
                    .extracting(DataPoint::time)
                    .containsExactly(20L);
        }
    }
}
