package io.thingstead.storage;

import io.thingstead.alerts.Incident;
import io.thingstead.alerts.IncidentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;

/**
 * The kept incidents in the {@code alert_incident} table, each with its pending handler, and the
 * gateway each device last spoke through in {@code device_gateway}; the same SQL on SQLite and
 * PostgreSQL.
 *
 * <p>Incident changes are committed in groups: each caller queues its change and waits until a commit holds
 * it; one caller at a time commits everything queued, in queue order, in one transaction. So when
 * 10,000 devices fall silent at once their incidents take a few commits instead of 10,000 (each a
 * disk sync), and each change is still durable before its caller goes on (bench/README.md: Alerts).
 * A group whose commit fails is committed change by change, so only the failing change fails.
 */
public final class SqlIncidentStore implements IncidentStore {
    private static final String DELETE_ONE = "DELETE FROM alert_incident WHERE alert_id = ? AND device_id = ?";
    private static final String INSERT = "INSERT INTO alert_incident (alert_id, device_id, severity, state,"
            + " start_time, last_triggered, match_count, held_gateway_id, held_alert_id, pending_handler,"
            + " pending_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE_OF = "DELETE FROM alert_incident WHERE alert_id = ? OR device_id = ?";
    private static final String DELETE_GATEWAY = "DELETE FROM device_gateway WHERE device_id = ?";

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
                        + " last_triggered, match_count, held_gateway_id, held_alert_id, pending_handler,"
                        + " pending_due FROM alert_incident")
                .map((rs, ctx) -> incident(rs))
                .list());
    }

    private static Incident incident(ResultSet rs) throws SQLException {
        String heldBy = rs.getString(8);
        String pending = rs.getString(10);
        return new Incident(
                rs.getString(1),
                rs.getString(2),
                Incident.Level.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                Incident.State.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6)),
                rs.getLong(7),
                heldBy == null ? null : new Incident.HeldBack(heldBy, rs.getString(9)),
                pending == null ? null : new Incident.Pending(pending, Instant.ofEpochMilli(rs.getLong(11))));
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

    @Override
    public Map<String, String> loadGateways() {
        Map<String, String> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT device_id, gateway_id FROM device_gateway")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    @Override
    public void putGateway(String deviceId, String gatewayId) {
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM device_gateway WHERE device_id = ?", deviceId);
            if (gatewayId != null) {
                h.execute("INSERT INTO device_gateway (device_id, gateway_id) VALUES (?, ?)", deviceId, gatewayId);
            }
        });
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
                        PreparedStatement deleteOf = con.prepareStatement(DELETE_OF);
                        PreparedStatement deleteGateway = con.prepareStatement(DELETE_GATEWAY)) {
                    for (Change c : changes) {
                        apply(c, c.ofId ? deleteOf : deleteOne, insert);
                        if (c.ofId) {
                            deleteGateway.setString(1, c.first);
                            deleteGateway.executeUpdate();
                        }
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
            Incident.HeldBack held = i.heldBackBy();
            Incident.Pending pending = i.pending();
            insert.setString(8, held == null ? null : held.gatewayId());
            insert.setString(9, held == null ? null : held.incidentAlertId());
            insert.setString(10, pending == null ? null : pending.handlerKey());
            if (pending == null) {
                insert.setNull(11, Types.BIGINT);
            } else {
                insert.setLong(11, pending.due().toEpochMilli());
            }
            insert.executeUpdate();
        }
    }
}
