package io.thingstead.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.core.EntityStore;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The entity store on SQL: one JSON document per row, every batch in one transaction. */
public final class SqlEntityStore implements EntityStore {
    private static final String UPSERT =
            "INSERT INTO entity (id, kind, account_id, doc) VALUES (:id, :kind, :account, :doc) "
                    + "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, account_id = excluded.account_id, doc = excluded.doc";

    private final Database db;
    private final ObjectMapper mapper =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public SqlEntityStore(Database db) {
        this.db = db;
    }

    @Override
    public <T> List<T> loadAll(String kind, Class<T> type) {
        List<String> docs = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT doc FROM entity WHERE kind = :kind ORDER BY id")
                        .bind("kind", kind)
                        .mapTo(String.class)
                        .list());
        List<T> out = new ArrayList<>(docs.size());
        for (String doc : docs) {
            try {
                out.add(mapper.readValue(doc, type));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored " + kind + " cannot be read: " + e.getOriginalMessage(), e);
            }
        }
        return out;
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
    public void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<String> docs = new ArrayList<>(changes.size());
        for (Change c : changes) {
            try {
                docs.add(c.doc() == null ? null : mapper.writeValueAsString(c.doc()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "Entity " + c.id() + " cannot be written: " + e.getOriginalMessage(), e);
            }
        }
        db.jdbi().useTransaction(h -> {
            PreparedBatch upserts = h.prepareBatch(UPSERT);
            PreparedBatch deletes = h.prepareBatch("DELETE FROM entity WHERE id = :id");
            boolean anyUpsert = false;
            boolean anyDelete = false;
            for (int i = 0; i < changes.size(); i++) {
                Change c = changes.get(i);
                if (docs.get(i) == null) {
                    deletes.bind("id", c.id()).add();
                    anyDelete = true;
                } else {
                    upserts.bind("id", c.id())
                            .bind("kind", c.kind())
                            .bind("account", c.accountId())
                            .bind("doc", docs.get(i))
                            .add();
                    anyUpsert = true;
                }
            }
            // Deletes first: a batch may delete an old key id and insert its successor.
            if (anyDelete) {
                deletes.execute();
            }
            if (anyUpsert) {
                upserts.execute();
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
