package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.thingstead.events.EventStream;
import io.thingstead.ingest.Writer;
import io.thingstead.profiles.Property;
import io.thingstead.testing.Entities;
import io.thingstead.testing.Postgres;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writer lanes committing in parallel on PostgreSQL, each on its own connection. */
class PostgresWriterLanesTest {
    private static final Property TEMP = Entities.property("_prp_21", "_acc_1", "_dpf_1", "temperature");
    private static final int DEVICES = 24;
    private static final int POINTS = 200;

    private Database db;
    private SqlTimeSeries series;
    private Writer writer;
    private final LatestValues latest = new LatestValues();
    private final EventStream events = new EventStream();

    @BeforeEach
    void open() {
        db = Database.open(Postgres.freshSchemaUrl(), Path.of("."));
        series = new SqlTimeSeries(db);
        writer = new Writer(series, latest, events, InstantSource.fixed(Instant.EPOCH), 4);
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
            events.close();
            series.close();
            db.close();
        }
    }

    private static Writer.Item item(long device, long time, double value) {
        return new Writer.Item(new DataPoint("_dev_" + device, TEMP.id(), time, DoubleNode.valueOf(value), null), TEMP);
    }

    @Test
    void submit_concurrentWritersOnFourLanes_storeEveryAcknowledgedPoint_inEachDevicesOrder() throws Exception {
        Map<Long, List<CompletableFuture<Writer.Written>>> acks = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (long d = 1; d <= DEVICES; d++) {
                long device = d;
                pool.submit(() -> {
                    List<CompletableFuture<Writer.Written>> mine = new ArrayList<>();
                    for (int i = 0; i < POINTS; i++) {
                        // A new point, then one more of the same millisecond: the later one must stay.
                        mine.add(writer.submit(List.of(item(device, 1_000 + i, i)), List.of()));
                        mine.add(writer.submit(List.of(item(device, 1_000 + i, i + 0.5)), List.of()));
                    }
                    acks.put(device, mine);
                });
            }
        }
        for (long d = 1; d <= DEVICES; d++) {
            CompletableFuture.allOf(acks.get(d).toArray(CompletableFuture[]::new))
                    .join();
        }

        // Read on the pool's other connections: what was acknowledged is committed.
        Map<String, Double> latestByDevice = series.loadLatest().stream()
                .collect(Collectors.toMap(DataPoint::deviceId, p -> p.value().doubleValue()));
        for (long d = 1; d <= DEVICES; d++) {
            String id = "_dev_" + d;
            List<DataPoint> points = series.history(id, TEMP.id(), 0, Long.MAX_VALUE, 10_000, false);
            assertThat(points).hasSize(POINTS);
            for (int i = 0; i < POINTS; i++) {
                assertThat(points.get(i).time()).isEqualTo(1_000 + i);
                assertThat(points.get(i).value().doubleValue()).isEqualTo(i + 0.5);
            }
            assertThat(latestByDevice.get(id)).isEqualTo(POINTS - 1 + 0.5);
        }
    }

    @Test
    void submit_writeSpanningLanes_isStoredForEveryDevice_whenAcknowledged() {
        List<Writer.Item> items = new ArrayList<>();
        for (long d = 1; d <= DEVICES; d++) {
            items.add(item(d, 5_000, d));
        }
        writer.submit(items, List.of()).join();
        for (long d = 1; d <= DEVICES; d++) {
            assertThat(series.stats("_dev_" + d, TEMP.id()).count()).isEqualTo(1);
        }
        assertThat(series.loadLatest()).hasSize(DEVICES);
    }
}
