package io.thingstead.storage;

import io.thingstead.methods.QuarantineStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The quarantined method instances in the {@code method_quarantine} table, the same SQL on SQLite and PostgreSQL. */
public final class SqlQuarantineStore implements QuarantineStore {
    /** The longest cause kept; a longer one is cut (its start says what happened). */
    static final int MAX_CAUSE = 1024;

    private final Jdbi jdbi;

    public SqlQuarantineStore(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public List<Quarantine> loadAll() {
        return jdbi.withHandle(h -> h.createQuery("SELECT device_id, method_id, cause, at_time FROM method_quarantine")
                .map((rs, ctx) -> new Quarantine(
                        rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))))
                .list());
    }

    @Override
    public void put(Quarantine q) {
        String cause = q.cause().length() <= MAX_CAUSE ? q.cause() : q.cause().substring(0, MAX_CAUSE);
        jdbi.useTransaction(h -> {
            h.execute(
                    "DELETE FROM method_quarantine WHERE device_id = ? AND method_id = ?", q.deviceId(), q.methodId());
            h.execute(
                    "INSERT INTO method_quarantine (device_id, method_id, cause, at_time) VALUES (?, ?, ?, ?)",
                    q.deviceId(),
                    q.methodId(),
                    cause,
                    q.at().toEpochMilli());
        });
    }

    @Override
    public void remove(String deviceId, String methodId) {
        jdbi.useHandle(h ->
                h.execute("DELETE FROM method_quarantine WHERE device_id = ? AND method_id = ?", deviceId, methodId));
    }

    @Override
    public void removeOf(String id) {
        jdbi.useHandle(h -> h.execute("DELETE FROM method_quarantine WHERE device_id = ? OR method_id = ?", id, id));
    }
}
