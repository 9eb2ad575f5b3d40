package io.thingstead.storage;

import io.thingstead.core.EntityStore;
import io.thingstead.testing.InMemoryEntityStore;

/** The unit tests' in-memory store keeps the same contract as the real ones. */
class InMemoryEntityStoreTest extends EntityStoreContract {
    private InMemoryEntityStore memory;

    @Override
    protected EntityStore open() {
        memory = new InMemoryEntityStore();
        return memory;
    }

    @Override
    protected EntityStore reopen() {
        return memory;
    }
}
