package io.thingstead.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.core.EntityStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entity store on SQL: one JSON document per row with its version, the unique keys of the
 * documents in {@code entity_key} (primary key: kind, scope, value), every batch in one
 * transaction. Versions are compared and set in the same statement, and a key is claimed by an
 * insert that does nothing when another row holds it, so a second writer finds out in its own
 * transaction, on SQLite and PostgreSQL alike.
 */
public final class SqlEntityStore implements EntityStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqlEntityStore.class);

    private final Database db;
    private final ObjectMapper mapper =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public SqlEntityStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Stored> load(String kind, Class<?> type) {
        return inTransaction(c -> {
            List<Stored> out = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, version, doc FROM entity WHERE kind = ? ORDER BY id")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Stored(kind, rs.getString(1), rs.getLong(2), read(kind, rs.getString(3), type)));
                    }
                }
            }
            return out;
        });
    }

    private Object read(String kind, String doc, Class<?> type) {
        try {
            return mapper.readValue(doc, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + kind + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public long maxIdNumber() {
        long max = 0;
        for (String id : db.jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM entity")
                        .mapTo(String.class)
                        .list())) {
            int at = id.indexOf('_', 1);
            try {
                max = Math.max(max, Long.parseLong(id.substring(at + 1)));
            } catch (RuntimeException notNumeric) {
                // ids not of our shape (none are written today) do not take part
            }
        }
        return max;
    }

    @Override
    public List<Stored> apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<String> docs = new ArrayList<>(changes.size());
        for (Change c : changes) {
            try {
                docs.add(c.isDelete() ? null : mapper.writeValueAsString(c.doc()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "Entity " + c.id() + " cannot be written: " + e.getOriginalMessage(), e);
            }
        }
        return inTransaction(c -> EntityWrite.run(c, changes, docs));
    }

    @Override
    public long keyCount(String kind) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM entity_key k" + " JOIN entity e ON e.id = k.entity_id WHERE e.kind = ?")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<UniqueKey> replaceKeys(String kind, Map<String, List<UniqueKey>> keysByEntityId) {
        List<UniqueKey> shared = inTransaction(c -> EntityWrite.replaceKeys(c, kind, keysByEntityId));
        int total = keysByEntityId.values().stream().mapToInt(List::size).sum();
        LOG.info("Stored the {} unique keys of every {} ({} shared)", total - shared.size(), kind, shared.size());
        for (UniqueKey k : shared) {
            LOG.warn(
                    "Two stored {} entities share {} '{}' (scope '{}'): the first holds it, the other changes only under another",
                    kind,
                    k.kind(),
                    k.value(),
                    k.scope());
        }
        return shared;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(SqlWork<T> work) {
        try {
            return db.jdbi().inTransaction(h -> work.run(h.getConnection()));
        } catch (SQLException e) {
            throw new IllegalStateException("Entity store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
