package io.thingstead.core;

import java.util.List;

/**
 * The port for admin entities (accounts, keys, profiles, devices, ...). Each entity is a document
 * of one kind; a batch of changes is applied atomically and durably or not at all.
 */
public interface EntityStore extends AutoCloseable {

    /** One write: {@code doc == null} deletes the entity. */
    record Change(String kind, String id, String accountId, Object doc) {
        public static Change put(String kind, String id, String accountId, Object doc) {
            return new Change(kind, id, accountId, doc);
        }

        public static Change delete(String kind, String id) {
            return new Change(kind, id, null, null);
        }
    }

    <T> List<T> loadAll(String kind, Class<T> type);

    void apply(List<Change> changes);

    /** The highest number in any stored entity id ({@code _xxx_<number>}), or 0. */
    long maxIdNumber();

    @Override
    void close();
}
