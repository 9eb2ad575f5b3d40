package io.thingstead.storage;

import io.thingstead.alerts.Incident;
import io.thingstead.alerts.IncidentStore;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/** The open incidents in the {@code alert_incident} table, the same SQL on SQLite and PostgreSQL. */
public final class SqlIncidentStore implements IncidentStore {
    private final Jdbi jdbi;

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
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM alert_incident WHERE alert_id = ? AND device_id = ?", i.alertId(), i.deviceId());
            h.execute(
                    "INSERT INTO alert_incident (alert_id, device_id, severity, state, start_time, last_triggered,"
                            + " match_count) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    i.alertId(),
                    i.deviceId(),
                    i.severity().toString(),
                    i.state().toString(),
                    i.startTime().toEpochMilli(),
                    i.lastTriggered().toEpochMilli(),
                    i.count());
        });
    }

    @Override
    public void remove(String alertId, String deviceId) {
        jdbi.useHandle(
                h -> h.execute("DELETE FROM alert_incident WHERE alert_id = ? AND device_id = ?", alertId, deviceId));
    }

    @Override
    public void removeOf(String id) {
        jdbi.useHandle(h -> h.execute("DELETE FROM alert_incident WHERE alert_id = ? OR device_id = ?", id, id));
    }
}
