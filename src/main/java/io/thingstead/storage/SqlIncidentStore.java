package io.thingstead.storage;

import io.thingstead.alerts.Incident;
import io.thingstead.alerts.IncidentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;

/**
 * The open incidents in the {@code alert_incident} table, the same SQL on SQLite and PostgreSQL.
 *
 * <p>Changes are committed in groups: each caller queues its change and waits until a commit holds
 * it; one caller at a time commits everything queued, in queue order, in one transaction. So when
 * 10,000 devices fall silent at once their incidents take a few commits instead of 10,000 (each a
 * disk sync), and each change is still durable before its caller goes on (bench/README.md: Alerts).
 * A group whose commit fails is committed change by change, so only the failing change fails.
 */
public final class SqlIncidentStore implements IncidentStore {
    private static final String DELETE_ONE = "DELETE FROM alert_incident WHERE alert_id = ? AND device_id = ?";
    private static final String INSERT = "INSERT INTO alert_incident (alert_id, device_id, severity, state,"
            + " start_time, last_triggered, match_count) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE_OF = "DELETE FROM alert_incident WHERE alert_id = ? OR device_id = ?";

    /** One queued change: an incident to store, or the ones to remove (of an alert on a device, or of an id). */
    private static final class Change {
        final Incident put;
        final String first;
        final String second;
        final boolean ofId;
        boolean done;
        RuntimeException failure;

        Change(Incident put, String first, String second, boolean ofId) {
            this.put = put;
            this.first = first;
            this.second = second;
            this.ofId = ofId;
        }
    }

    private final Jdbi jdbi;
    private final ConcurrentLinkedQueue<Change> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();
    private final AtomicLong commits = new AtomicLong();

    public SqlIncidentStore(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public List<Incident> loadAll() {
        return jdbi.withHandle(h -> h.createQuery("SELECT alert_id, device_id, severity, state, start_time,"
                        + " last_triggered, match_count FROM alert_incident")
                .map((rs, ctx) -> new Incident(
                        rs.getString(1),
                        rs.getString(2),
                        Incident.Level.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                        Incident.State.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                        Instant.ofEpochMilli(rs.getLong(5)),
                        Instant.ofEpochMilli(rs.getLong(6)),
                        rs.getLong(7)))
                .list());
    }

    @Override
    public void put(Incident i) {
        commit(new Change(i, i.alertId(), i.deviceId(), false));
    }

    @Override
    public void remove(String alertId, String deviceId) {
        commit(new Change(null, alertId, deviceId, false));
    }

    @Override
    public void removeOf(String id) {
        commit(new Change(null, id, id, true));
    }

    /** How many transactions committed changes so far (tests see the grouping). */
    long commits() {
        return commits.get();
    }

    /** How many changes wait for a commit now (tests see the grouping). */
    int queued() {
        return queue.size();
    }

    /** Queues the change and returns once it is committed (by this caller or one that came first). */
    private void commit(Change c) {
        queue.add(c);
        committing.lock();
        try {
            if (!c.done) {
                List<Change> group = new ArrayList<>();
                for (Change next; (next = queue.poll()) != null; ) {
                    group.add(next);
                }
                commitGroup(group);
            }
        } finally {
            committing.unlock();
        }
        if (c.failure != null) {
            throw c.failure;
        }
    }

    private void commitGroup(List<Change> group) {
        try {
            transaction(group);
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1) {
                group.get(0).failure = groupFailed;
            } else {
                for (Change c : group) {
                    try {
                        transaction(List.of(c));
                    } catch (RuntimeException e) {
                        c.failure = e;
                    }
                }
            }
        }
        group.forEach(c -> c.done = true);
    }

    private void transaction(List<Change> changes) {
        try {
            jdbi.useTransaction(h -> {
                Connection con = h.getConnection();
                try (PreparedStatement deleteOne = con.prepareStatement(DELETE_ONE);
                        PreparedStatement insert = con.prepareStatement(INSERT);
                        PreparedStatement deleteOf = con.prepareStatement(DELETE_OF)) {
                    for (Change c : changes) {
                        apply(c, c.ofId ? deleteOf : deleteOne, insert);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Storing incidents failed: " + e.getMessage(), e);
        }
        commits.incrementAndGet();
    }

    private static void apply(Change c, PreparedStatement delete, PreparedStatement insert) throws SQLException {
        delete.setString(1, c.first);
        delete.setString(2, c.second);
        delete.executeUpdate();
        if (c.put != null) {
            Incident i = c.put;
            insert.setString(1, i.alertId());
            insert.setString(2, i.deviceId());
            insert.setString(3, i.severity().toString());
            insert.setString(4, i.state().toString());
            insert.setLong(5, i.startTime().toEpochMilli());
            insert.setLong(6, i.lastTriggered().toEpochMilli());
            insert.setLong(7, i.count());
            insert.executeUpdate();
        }
    }
}
