package io.thingstead.core;

import io.thingstead.core.EntityStore.Change;
import java.util.List;
import java.util.Set;

/**
 * A feature whose entities hang on entities of another one (an alert on its profile or device,
 * on its trigger property). {@link Admin} asks it about every batch that deletes something, so what
 * goes along is deleted in the same commit, and what must not go refuses the batch whole.
 */
public interface Dependents {
    /**
     * The deletions that go with deleting {@code deletedIds}, stored in the same batch.
     *
     * @throws ApiException to refuse the deletion (nothing of the batch is stored)
     */
    List<Change> onDelete(Set<String> deletedIds);
}
