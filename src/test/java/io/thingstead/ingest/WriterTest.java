package io.thingstead.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.thingstead.accounts.Principal;
import io.thingstead.events.EventStream;
import io.thingstead.events.Events;
import io.thingstead.events.Source;
import io.thingstead.events.StoredEvent;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.Retention;
import io.thingstead.testing.FailingStore;
import io.thingstead.testing.InMemoryTimeSeries;
import io.thingstead.testing.MutableClock;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store writer without a server: what it tells after a commit, and that deletes keep their turn. */
class WriterTest {
    private static final String DEV = "_dev_7";
    private static final Property TEMP = Events.property("_prp_11", "temperature");
    private static final Source REST = new Source(Source.Protocol.REST, "10.0.0.1", "_key_1");

    private final LatestValues latest = new LatestValues();
    private final EventStream stream = new EventStream();
    private final List<StoredEvent> told = new ArrayList<>();
    private FailingStore store;
    private final TimeSeries series = FailingStore.wrap(new InMemoryTimeSeries(), f -> store = f);
    private final Writer writer;

    WriterTest() {
        stream.view("test", told::add);
        writer = new Writer(series, latest, stream, MutableClock.now());
    }

    @AfterEach
    void close() {
        store.release();
        writer.close();
        stream.close();
    }

    @Test
    void aCommit_tellsEachPoint_withItsPreviousValue_whetherItChanged_andWhoWroteIt() {
        write(Principal.PLATFORM, REST, item(TEMP, 1, 1000)).join();
        write(Principal.PLATFORM, REST, item(TEMP, 1, 2000), item(TEMP, 2, 3000), item(TEMP, 0, 500))
                .join();

        List<StoredEvent.Point> points = points();
        assertThat(points).extracting(p -> p.point().value().asInt()).containsExactly(1, 1, 2, 0);
        assertThat(points)
                .extracting(
                        p -> p.previous() == null ? null : p.previous().value().asInt())
                .containsExactly(null, 1, 1, 2);
        assertThat(points).extracting(StoredEvent.Point::changed).containsExactly(true, false, true, true);
        assertThat(points).extracting(StoredEvent.Point::latest).containsExactly(true, true, true, false);
        StoredEvent.PointsStored first = (StoredEvent.PointsStored) told.get(0);
        assertThat(first.deviceId()).isEqualTo(DEV);
        assertThat(first.principal()).isEqualTo(Principal.PLATFORM);
        assertThat(first.source()).isEqualTo(REST);
        assertThat(latest.get(DEV, TEMP.id()).value().asInt()).isEqualTo(2);
    }

    @Test
    void aPointTheRetentionConditionDrops_isToldAsNotKept_andNotStored() {
        Property onChange = Events.property(
                "_prp_12",
                "position",
                Property.Access.PUBLIC,
                Property.Publish.ALWAYS,
                new Retention(
                        Retention.Type.HISTORICAL,
                        "3months",
                        100,
                        new Retention.Condition(Retention.When.CHANGED, null)));
        write(Principal.PLATFORM, REST, item(onChange, 5, 1000), item(onChange, 5, 2000))
                .join();

        assertThat(points()).extracting(StoredEvent.Point::kept).containsExactly(true, false);
        assertThat(points()).extracting(StoredEvent.Point::changed).containsExactly(true, false);
        assertThat(series.history(DEV, onChange.id(), 0, Long.MAX_VALUE, 10, false))
                .extracting(DataPoint::time)
                .containsExactly(1000L);
    }

    @Test
    void aFailedCommit_tellsNothing_andLeavesTheLatestValuesAsTheyWere() {
        write(Principal.PLATFORM, REST, item(TEMP, 1, 1000)).join();
        told.clear();
        store.failing(true);

        assertThatThrownBy(() ->
                        write(Principal.PLATFORM, REST, item(TEMP, 2, 2000)).join())
                .isInstanceOf(CompletionException.class);
        assertThat(told).isEmpty();
        assertThat(latest.get(DEV, TEMP.id()).value().asInt()).isEqualTo(1);
    }

    @Test
    void aDeleteQueuedBehindAWrite_runsAfterIt_andAWriteQueuedAfterTheDelete_isKept() throws Exception {
        store.hold();
        CompletableFuture<?> before = write(Principal.PLATFORM, REST, item(TEMP, 1, 1000));
        assertThat(store.awaitHeldWrite()).isTrue();
        CompletableFuture<Void> deleted = writer.deleteDevice(DEV);
        CompletableFuture<?> after = write(Principal.PLATFORM, REST, item(TEMP, 3, 3000));
        store.release();
        CompletableFuture.allOf(before, deleted, after).join();

        assertThat(told)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PointsStored", "DeviceDataDeleted", "PointsStored");
        assertThat(series.history(DEV, TEMP.id(), 0, Long.MAX_VALUE, 10, false))
                .extracting(DataPoint::time)
                .containsExactly(3000L);
        assertThat(latest.get(DEV, TEMP.id()).time()).isEqualTo(3000L);
    }

    @Test
    void aPurgeQueuedBehindAWrite_purgesItToo_andAWriteQueuedAfterThePurge_isKept() throws Exception {
        write(Principal.PLATFORM, REST, item(TEMP, 1, 1000)).join();
        store.hold();
        CompletableFuture<?> before = write(Principal.PLATFORM, REST, item(TEMP, 2, 2000));
        assertThat(store.awaitHeldWrite()).isTrue();
        CompletableFuture<Integer> purged = writer.purgeSeries(DEV, TEMP.id(), 2500L, 0);
        CompletableFuture<?> after = write(Principal.PLATFORM, REST, item(TEMP, 3, 2200));
        store.release();
        CompletableFuture.allOf(before, purged, after).join();

        assertThat(purged.join()).isEqualTo(2);
        assertThat(series.history(DEV, TEMP.id(), 0, Long.MAX_VALUE, 10, false))
                .extracting(DataPoint::time)
                .containsExactly(2200L);
        assertThat(told)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PointsStored", "PointsStored", "HistoryPurged", "PointsStored");
        assertThat(told.get(2)).isEqualTo(new StoredEvent.HistoryPurged(DEV, TEMP.id(), 2500L, 0, 2));
    }

    @Test
    void aCapacityPurge_keepsTheNewestPoints_andAPurgeThatDeletesNothing_tellsNothing() {
        write(Principal.PLATFORM, REST, item(TEMP, 1, 1000), item(TEMP, 2, 2000), item(TEMP, 3, 3000))
                .join();

        assertThat(writer.purgeSeries(DEV, TEMP.id(), null, 2).join()).isEqualTo(1);
        assertThat(writer.purgeProperty(TEMP.id(), 500).join()).isZero();

        assertThat(series.history(DEV, TEMP.id(), 0, Long.MAX_VALUE, 10, false))
                .extracting(DataPoint::time)
                .containsExactly(2000L, 3000L);
        assertThat(told.getLast()).isEqualTo(new StoredEvent.HistoryPurged(DEV, TEMP.id(), null, 2, 1));
        assertThat(latest.get(DEV, TEMP.id()).time()).isEqualTo(3000L);
    }

    @Test
    void aPropertysDataDeleted_isGoneForEveryDevice_andTold() {
        write(Principal.PLATFORM, REST, item(TEMP, 1, 1000), item("_dev_8", TEMP, 2, 1000))
                .join();
        writer.deleteProperty(TEMP.id()).join();

        assertThat(told.getLast()).isEqualTo(new StoredEvent.PropertyDataDeleted(TEMP.id()));
        assertThat(latest.get(DEV, TEMP.id())).isNull();
        assertThat(latest.get("_dev_8", TEMP.id())).isNull();
        assertThat(series.loadLatest()).isEmpty();
    }

    @Test
    void aStoredConnectionStatusChange_isToldAsConnectionChanged_once() {
        Property status = new io.thingstead.profiles.ProfileCatalog().property(Builtins.CONNECTION_STATUS_ID);
        for (String s : List.of("online", "online", "offline")) {
            writer.submit(
                            List.of(new Writer.Item(
                                    new DataPoint(DEV, status.id(), 1000, TextNode.valueOf(s), null), status)),
                            List.of())
                    .join();
        }
        assertThat(told.stream().filter(e -> e instanceof StoredEvent.ConnectionChanged))
                .extracting(e -> ((StoredEvent.ConnectionChanged) e).online())
                .containsExactly(true, false);
    }

    private List<StoredEvent.Point> points() {
        return told.stream()
                .filter(e -> e instanceof StoredEvent.PointsStored)
                .flatMap(e -> ((StoredEvent.PointsStored) e).points().stream())
                .toList();
    }

    private CompletableFuture<Writer.Written> write(Principal p, Source source, Writer.Item... items) {
        return writer.submit(p, source, List.of(items), List.of());
    }

    private static Writer.Item item(Property prop, int v, long t) {
        return item(DEV, prop, v, t);
    }

    private static Writer.Item item(String device, Property prop, int v, long t) {
        return new Writer.Item(new DataPoint(device, prop.id(), t, IntNode.valueOf(v), null), prop);
    }
}
