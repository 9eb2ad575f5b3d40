package io.thingstead.storage;

import io.thingstead.core.EntityStore;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.EntityStore.Conflict;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One batch of entity changes inside the caller's transaction: the unique keys of every entity
 * that changes or goes are dropped, deletions and updates run only at the expected version,
 * creations only where no row is, and the keys of what was put are claimed last. Any miss throws a
 * {@link Conflict}, and the caller rolls everything back.
 */
final class EntityWrite {
    private static final MultiRowInsert INSERT_ENTITIES = new MultiRowInsert(
            "INSERT INTO entity (id, kind, account_id, doc, version) VALUES ",
            5,
            " ON CONFLICT (id) DO NOTHING RETURNING id");
    private static final MultiRowInsert INSERT_KEYS = new MultiRowInsert(
            "INSERT INTO entity_key (kind, scope, key_value, entity_id) VALUES ",
            4,
            " ON CONFLICT (kind, scope, key_value) DO NOTHING RETURNING kind, scope, key_value");
    private static final String UPSERT =
            "INSERT INTO entity (id, kind, account_id, doc, version) VALUES (?, ?, ?, ?, 1)"
                    + " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, account_id = excluded.account_id,"
                    + " doc = excluded.doc, version = entity.version + 1 RETURNING version";
    private static final String UPDATE =
            "UPDATE entity SET kind = ?, account_id = ?, doc = ?, version = ? WHERE id = ? AND version = ?";

    private EntityWrite() {}

    /** A change with its place in the batch and its document as JSON (null for a deletion). */
    private record Row(int index, Change change, String doc) {
        String id() {
            return change.id();
        }

        long expected() {
            return change.expected();
        }
    }

    private record KeyRow(String entityId, UniqueKey key) {
        String tuple() {
            return EntityWrite.tuple(key.kind(), key.scope(), key.value());
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, Row row) throws SQLException;
    }

    static List<Stored> run(Connection c, List<Change> changes, List<String> docs) throws SQLException {
        List<Row> rows = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            rows.add(new Row(i, changes.get(i), docs.get(i)));
        }
        long[] versions = new long[rows.size()];
        try (Statements st = new Statements(c)) {
            batch(
                    st,
                    "DELETE FROM entity_key WHERE entity_id = ?",
                    only(rows, r -> r.expected() != EntityStore.NEW),
                    (ps, r) -> ps.setString(1, r.id()),
                    false);
            batch(
                    st,
                    "DELETE FROM entity WHERE id = ?",
                    only(rows, r -> r.doc() == null && r.expected() < 1),
                    (ps, r) -> ps.setString(1, r.id()),
                    false);
            batch(
                    st,
                    "DELETE FROM entity WHERE id = ? AND version = ?",
                    only(rows, r -> r.doc() == null && r.expected() > 0),
                    (ps, r) -> {
                        ps.setString(1, r.id());
                        ps.setLong(2, r.expected());
                    },
                    true);
            List<Row> updates = only(rows, r -> r.doc() != null && r.expected() > 0);
            batch(st, UPDATE, updates, EntityWrite::bindUpdate, true);
            updates.forEach(r -> versions[r.index()] = r.expected() + 1);
            for (Row r : only(rows, r -> r.doc() != null && r.expected() == EntityStore.ANY)) {
                versions[r.index()] = upsert(st, r);
            }
            for (Row r : create(st, only(rows, r -> r.doc() != null && r.expected() == EntityStore.NEW))) {
                versions[r.index()] = 1;
            }
            List<KeyRow> keys = new ArrayList<>();
            for (Row r : only(rows, r -> r.doc() != null)) {
                r.change().keys().forEach(k -> keys.add(new KeyRow(r.id(), k)));
            }
            List<KeyRow> taken = claim(st, keys);
            if (!taken.isEmpty()) {
                throw Conflict.keyTaken(taken.get(0).key());
            }
        }
        List<Stored> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Change ch = r.change();
            out.add(new Stored(ch.kind(), ch.id(), ch.isDelete() ? 0 : versions[r.index()], ch.doc()));
        }
        return out;
    }

    /**
     * Gives every entity of {@code kind} exactly {@code keysByEntityId}; returns the keys not
     * claimed because an entity listed earlier holds them.
     */
    static List<UniqueKey> replaceKeys(Connection c, String kind, Map<String, List<UniqueKey>> keysByEntityId)
            throws SQLException {
        try (Statements st = new Statements(c)) {
            PreparedStatement drop =
                    st.get("DELETE FROM entity_key WHERE entity_id IN (SELECT id FROM entity WHERE kind = ?)");
            drop.setString(1, kind);
            drop.executeUpdate();
            List<KeyRow> keys = new ArrayList<>();
            keysByEntityId.forEach((id, own) -> own.forEach(k -> keys.add(new KeyRow(id, k))));
            return claim(st, keys).stream().map(KeyRow::key).toList();
        }
    }

    private static void bindUpdate(PreparedStatement ps, Row r) throws SQLException {
        ps.setString(1, r.change().kind());
        ps.setString(2, r.change().accountId());
        ps.setString(3, r.doc());
        ps.setLong(4, r.expected() + 1);
        ps.setString(5, r.id());
        ps.setLong(6, r.expected());
    }

    private static long upsert(Statements st, Row r) throws SQLException {
        PreparedStatement ps = st.get(UPSERT);
        ps.setString(1, r.id());
        ps.setString(2, r.change().kind());
        ps.setString(3, r.change().accountId());
        ps.setString(4, r.doc());
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Inserts the new entities; returns them, or throws when a row with one of their ids exists. */
    private static List<Row> create(Statements st, List<Row> creations) throws SQLException {
        List<Row> existing = insertWhereFree(
                st,
                INSERT_ENTITIES,
                creations,
                (ps, at, r) -> {
                    ps.setString(at + 1, r.id());
                    ps.setString(at + 2, r.change().kind());
                    ps.setString(at + 3, r.change().accountId());
                    ps.setString(at + 4, r.doc());
                    ps.setLong(at + 5, 1);
                },
                Row::id,
                rs -> rs.getString(1));
        if (!existing.isEmpty()) {
            throw Conflict.version(existing.get(0).id());
        }
        return creations;
    }

    /** Inserts the keys where no row holds them yet; returns those another row (or an earlier one) holds. */
    private static List<KeyRow> claim(Statements st, List<KeyRow> keys) throws SQLException {
        return insertWhereFree(
                st,
                INSERT_KEYS,
                keys,
                (ps, at, k) -> {
                    ps.setString(at + 1, k.key().kind());
                    ps.setString(at + 2, k.key().scope());
                    ps.setString(at + 3, k.key().value());
                    ps.setString(at + 4, k.entityId());
                },
                KeyRow::tuple,
                rs -> tuple(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** Reads the identity of one row an insert returned. */
    @FunctionalInterface
    private interface Returned {
        String identity(ResultSet rs) throws SQLException;
    }

    /**
     * Runs an insert that does nothing where its key is held ({@code ON CONFLICT DO NOTHING
     * RETURNING} the key) and returns the rows it did not insert: their key was held before, or by
     * an earlier row of the same list.
     */
    private static <T> List<T> insertWhereFree(
            Statements st,
            MultiRowInsert insert,
            List<T> rows,
            MultiRowInsert.RowBinder<T> binder,
            Function<T, String> identity,
            Returned returned)
            throws SQLException {
        Map<String, Integer> inserted = new HashMap<>();
        insert.insert(st, rows, binder, rs -> inserted.merge(returned.identity(rs), 1, Integer::sum));
        List<T> refused = new ArrayList<>();
        for (T row : rows) {
            if (inserted.merge(identity.apply(row), -1, Integer::sum) < 0) {
                refused.add(row);
            }
        }
        return refused;
    }

    private static String tuple(String kind, String scope, String value) {
        return kind + '\u0000' + scope + '\u0000' + value;
    }

    /** Runs the rows as one JDBC batch; with {@code checked}, a row that changed nothing is a conflict. */
    private static void batch(Statements st, String sql, List<Row> rows, Binder binder, boolean checked)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        PreparedStatement ps = st.get(sql);
        for (Row r : rows) {
            binder.bind(ps, r);
            ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        for (int i = 0; checked && i < counts.length; i++) {
            if (counts[i] == 0) {
                throw Conflict.version(rows.get(i).id());
            }
        }
    }

    private static List<Row> only(List<Row> rows, Predicate<Row> which) {
        return rows.stream().filter(which).toList();
    }

    /** The statements of one transaction, prepared once each and closed with it. */
    private static final class Statements implements MultiRowInsert.Statements, AutoCloseable {
        private final Connection c;
        private final Map<String, PreparedStatement> bySql = new HashMap<>();

        Statements(Connection c) {
            this.c = c;
        }

        @Override
        public PreparedStatement get(String sql) throws SQLException {
            PreparedStatement ps = bySql.get(sql);
            if (ps == null) {
                ps = c.prepareStatement(sql);
                bySql.put(sql, ps);
            }
            return ps;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement ps : bySql.values()) {
                ps.close();
            }
        }
    }
}
