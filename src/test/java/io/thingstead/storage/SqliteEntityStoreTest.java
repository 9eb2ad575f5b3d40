package io.thingstead.storage;

import io.thingstead.core.EntityStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteEntityStoreTest extends EntityStoreContract {
    @TempDir
    Path dir;

    @Override
    protected EntityStore open() {
        return new SqlEntityStore(Database.open("embedded", dir));
    }

    @Override
    protected EntityStore reopen() {
        return open();
    }
}
