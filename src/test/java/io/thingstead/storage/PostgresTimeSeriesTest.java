package io.thingstead.storage;

import io.thingstead.testing.Postgres;
import java.nio.file.Path;

class PostgresTimeSeriesTest extends SqlTimeSeriesContract {
    private String url;

    @Override
    protected Database openDatabase() {
        url = Postgres.freshSchemaUrl();
        return reopenDatabase();
    }

    @Override
    protected Database reopenDatabase() {
        return Database.open(url, Path.of("."));
    }
}
