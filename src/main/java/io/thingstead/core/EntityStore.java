package io.thingstead.core;

import java.util.List;
import java.util.Map;

/**
 * The port for admin entities (accounts, keys, profiles, devices, ...). Each entity is a document
 * of one kind with a version; a batch of changes is applied atomically and durably or not at all.
 *
 * <p>The store is the authority on what may be written, whoever writes: a change names the version
 * it expects ({@link #NEW}, a version read earlier, or {@link #ANY}) and the unique keys its entity
 * holds, and a batch whose expectation does not hold or whose key another entity holds is refused
 * whole with a {@link Conflict}. So two writers racing (two requests, or two nodes) never both win.
 */
public interface EntityStore extends AutoCloseable {
    /** Expected version of an entity that must not exist yet. */
    long NEW = 0;

    /** No expectation: a put creates or replaces, a delete removes whatever is there. */
    long ANY = -1;

    /**
     * A value at most one entity holds at a time: {@code value} is unique within {@code kind} and
     * {@code scope} (e.g. a device name within its account). {@code code} and {@code message} are
     * the error a writer gets when another entity holds it; they are not stored.
     */
    record UniqueKey(String kind, String scope, String value, ErrorCode code, String message) {
        /** A name unique in its scope, case-insensitively; a second holder gets {@code NameAlreadyTaken}. */
        public static UniqueKey name(String kind, String scope, String name, String message) {
            return new UniqueKey(kind, scope, Names.key(name), ErrorCode.NAME_TAKEN, message);
        }
    }

    /** One write: {@code doc == null} deletes the entity. */
    record Change(String kind, String id, String accountId, Object doc, long expected, List<UniqueKey> keys) {
        public Change {
            keys = List.copyOf(keys);
        }

        public static Change put(String kind, String id, String accountId, Object doc) {
            return new Change(kind, id, accountId, doc, ANY, List.of());
        }

        public static Change delete(String kind, String id) {
            return new Change(kind, id, null, null, ANY, List.of());
        }

        public boolean isDelete() {
            return doc == null;
        }

        /** This change, applied only when the stored entity is at {@code version} ({@link #NEW}: absent). */
        public Change expecting(long version) {
            return new Change(kind, id, accountId, doc, version, keys);
        }

        /** This change with the unique keys its entity holds from now on. */
        public Change withKeys(List<UniqueKey> uniqueKeys) {
            return new Change(kind, id, accountId, doc, expected, uniqueKeys);
        }
    }

    /**
     * A change as the store holds it: the entity's document (null once deleted) and its version
     * (1 when created, one more on each change; 0 for a deletion).
     */
    record Stored(String kind, String id, long version, Object doc) {
        public boolean isDelete() {
            return doc == null;
        }
    }

    /**
     * A batch refused because {@link #key} is held by another entity, or because entity
     * {@link #entityId} is not at the version the change expected. Nothing of the batch is stored.
     */
    final class Conflict extends RuntimeException {
        private final transient UniqueKey key;
        private final String entityId;

        private Conflict(String message, UniqueKey key, String entityId) {
            super(message);
            this.key = key;
            this.entityId = entityId;
        }

        public static Conflict keyTaken(UniqueKey key) {
            return new Conflict(key.kind() + " '" + key.value() + "' is taken", key, null);
        }

        public static Conflict version(String entityId) {
            return new Conflict("'" + entityId + "' is not at the expected version", null, entityId);
        }

        /** The key another entity holds, or null for a version conflict. */
        public UniqueKey key() {
            return key;
        }

        /** The entity that was not at the expected version, or null for a key conflict. */
        public String entityId() {
            return entityId;
        }
    }

    /** Every stored entity of the kind with its version, ordered by id; documents read as {@code type}. */
    List<Stored> load(String kind, Class<?> type);

    /** The documents of one kind, ordered by id. */
    default <T> List<T> loadAll(String kind, Class<T> type) {
        return load(kind, type).stream().map(s -> type.cast(s.doc())).toList();
    }

    /**
     * Applies the batch in one transaction: deletions first, then puts, then the unique keys of
     * the puts. Returns what was stored, in the order of the changes.
     *
     * @throws Conflict when an expected version does not hold or a key is taken (nothing stored)
     */
    List<Stored> apply(List<Change> changes);

    /** How many unique keys are stored for the entities of a kind. */
    long keyCount(String kind);

    /**
     * Replaces the unique keys of every entity of a kind in one transaction (a store written before
     * keys existed, or one whose rules changed). A key two entities share (data stored before the
     * rule) is given to the first listed and returned; the other changes only once it lets go of it.
     */
    List<UniqueKey> replaceKeys(String kind, Map<String, List<UniqueKey>> keysByEntityId);

    /** The highest number in any stored entity id ({@code _xxx_<number>}), or 0. */
    long maxIdNumber();

    @Override
    void close();
}
