package io.thingstead.core;

import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import java.util.List;
import java.util.Map;

/**
 * A feature's in-memory view of stored entities, changed only by {@link #apply}: with what is
 * stored at start, after a local change is committed, and (later) with a change another node
 * committed. Nothing else writes to it, so memory never runs ahead of the store.
 */
public interface Projection {
    /** The kinds this view holds, each with the type its documents are read as. */
    Map<String, Class<?>> kinds();

    /** The unique keys a document of one of its kinds holds; the store refuses a second holder. */
    List<UniqueKey> uniqueKeys(String kind, Object doc);

    /**
     * Applies stored changes of its kinds, in commit order, to memory and returns what to tell
     * this view's listeners (old → new). The announcement runs once every view has applied the
     * batch, so a listener sees all of it; loading at start announces nothing.
     */
    Runnable apply(List<Stored> changes);

    /** An announcement that tells nobody anything. */
    Runnable SILENT = () -> {};
}
