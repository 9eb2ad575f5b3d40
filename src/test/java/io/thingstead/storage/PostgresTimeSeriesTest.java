package io.thingstead.storage;

import io.thingstead.testing.Postgres;
import java.nio.file.Path;

class PostgresTimeSeriesTest extends TimeSeriesContract {
    private String url;

    @Override
    protected Database open() {
        url = Postgres.freshSchemaUrl();
        return Database.open(url, Path.of("."));
    }

    @Override
    protected Database reopen() {
        return Database.open(url, Path.of("."));
    }
}
