package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.thingstead.alerts.Incident;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlIncidentStoreTest {
    @TempDir
    Path dir;

    Database db;
    SqlIncidentStore store;

    SqlIncidentStore open() {
        db = Database.open("embedded", dir);
        store = new SqlIncidentStore(db);
        return store;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    static Incident incident(String alertId, String deviceId, long count) {
        Instant t = Instant.ofEpochMilli(1_000);
        return new Incident(alertId, deviceId, Incident.Level.WARN, Incident.State.ACTIVE, t, t, count);
    }

    @Test
    void putRemoveAndRemoveOf_areWhatLoadAllReturns_afterAReopen_heldBackAndPendingIncluded() {
        open();
        store.put(incident("_ale_1", "_dev_1", 1));
        Incident held = new Incident(
                "_ale_1",
                "_dev_1",
                Incident.Level.CRIT,
                Incident.State.ACK,
                Instant.ofEpochMilli(1_000),
                Instant.ofEpochMilli(2_000),
                2,
                new Incident.HeldBack("_dev_9", "_ale_9"),
                new Incident.Pending("H2", Instant.ofEpochMilli(5_000)));
        store.put(held);
        store.put(incident("_ale_1", "_dev_2", 1));
        store.put(incident("_ale_2", "_dev_3", 1));
        store.put(incident("_ale_3", "_dev_3", 1));
        store.remove("_ale_1", "_dev_2");
        store.putGateway("_dev_3", "_dev_9");
        store.removeOf("_dev_3");
        db.close();

        assertThat(open().loadAll()).containsExactly(held);
        assertThat(store.loadGateways()).isEmpty();
    }

    @Test
    void changesQueuedDuringACommit_areCommittedTogether_inOneTransaction() throws Exception {
        open();
        List<CompletableFuture<Void>> puts = new ArrayList<>();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("thingstead.db"));
                Statement st = other.createStatement();
                var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            st.execute("BEGIN IMMEDIATE"); // holds the write lock: the first commit waits for it
            puts.add(CompletableFuture.runAsync(() -> store.put(incident("_ale_1", "_dev_0", 1)), threads));
            await().atMost(Duration.ofSeconds(5)).until(() -> store.queued() == 0);
            for (int i = 1; i <= 100; i++) {
                Incident each = incident("_ale_1", "_dev_" + i, 1);
                puts.add(CompletableFuture.runAsync(() -> store.put(each), threads));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> store.queued() == 100);
            st.execute("ROLLBACK");
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get();
        }

        assertThat(store.loadAll()).hasSize(101);
        assertThat(store.commits()).isEqualTo(2);
    }

    @Test
    void aChangeThatFails_failsAlone_andTheRestOfItsGroupIsStored() throws Exception {
        open();
        CompletableFuture<Void> first;
        CompletableFuture<Void> bad;
        CompletableFuture<Void> good;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("thingstead.db"));
                Statement st = other.createStatement();
                var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            st.execute("BEGIN IMMEDIATE");
            first = CompletableFuture.runAsync(() -> store.put(incident("_ale_1", "_dev_0", 1)), threads);
            await().atMost(Duration.ofSeconds(5)).until(() -> store.queued() == 0);
            bad = CompletableFuture.runAsync(() -> store.put(incident(null, "_dev_1", 1)), threads);
            await().atMost(Duration.ofSeconds(5)).until(() -> store.queued() == 1);
            good = CompletableFuture.runAsync(() -> store.put(incident("_ale_1", "_dev_2", 1)), threads);
            await().atMost(Duration.ofSeconds(5)).until(() -> store.queued() == 2);
            st.execute("ROLLBACK");
            CompletableFuture.allOf(first, good).get();
        }

        assertThatThrownBy(bad::join).rootCause().hasMessageContaining("NOT NULL");
        assertThat(store.loadAll()).extracting(Incident::deviceId).containsExactlyInAnyOrder("_dev_0", "_dev_2");
    }
}
