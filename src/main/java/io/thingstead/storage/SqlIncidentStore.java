package io.thingstead.storage;

import io.thingstead.alerts.Incident;
import io.thingstead.alerts.IncidentStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The kept incidents in the {@code alert_incident} table, each with its pending handler, and the
 * gateway each device last spoke through in {@code device_gateway}; the same SQL on SQLite and
 * PostgreSQL.
 */
public final class SqlIncidentStore implements IncidentStore {
    private final Jdbi jdbi;

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
        Incident.HeldBack held = i.heldBackBy();
        Incident.Pending pending = i.pending();
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM alert_incident WHERE alert_id = ? AND device_id = ?", i.alertId(), i.deviceId());
            h.createUpdate("INSERT INTO alert_incident (alert_id, device_id, severity, state, start_time,"
                            + " last_triggered, match_count, held_gateway_id, held_alert_id, pending_handler,"
                            + " pending_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, i.alertId())
                    .bind(1, i.deviceId())
                    .bind(2, i.severity().toString())
                    .bind(3, i.state().toString())
                    .bind(4, i.startTime().toEpochMilli())
                    .bind(5, i.lastTriggered().toEpochMilli())
                    .bind(6, i.count())
                    .bind(7, held == null ? null : held.gatewayId())
                    .bind(8, held == null ? null : held.incidentAlertId())
                    .bind(9, pending == null ? null : pending.handlerKey())
                    .bind(10, pending == null ? null : pending.due().toEpochMilli())
                    .execute();
        });
    }

    @Override
    public void remove(String alertId, String deviceId) {
        jdbi.useHandle(
                h -> h.execute("DELETE FROM alert_incident WHERE alert_id = ? AND device_id = ?", alertId, deviceId));
    }

    @Override
    public void removeOf(String id) {
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM alert_incident WHERE alert_id = ? OR device_id = ?", id, id);
            h.execute("DELETE FROM device_gateway WHERE device_id = ?", id);
        });
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
}
