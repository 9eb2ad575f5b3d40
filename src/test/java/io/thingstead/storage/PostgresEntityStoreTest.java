package io.thingstead.storage;

import io.thingstead.core.EntityStore;
import io.thingstead.testing.Postgres;
import java.nio.file.Path;

class PostgresEntityStoreTest extends EntityStoreContract {
    private String url;

    @Override
    protected EntityStore open() {
        url = Postgres.freshSchemaUrl();
        return new SqlEntityStore(Database.open(url, Path.of(".")));
    }

    @Override
    protected EntityStore reopen() {
        return new SqlEntityStore(Database.open(url, Path.of(".")));
    }
}
