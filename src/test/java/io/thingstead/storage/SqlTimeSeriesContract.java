package io.thingstead.storage;

import io.thingstead.timeseries.TimeSeries;
import io.thingstead.timeseries.TimeSeriesContract;
import java.util.ArrayList;
import java.util.List;

/** The {@link TimeSeries} contract on a database: each store opened is closed after the test. */
abstract class SqlTimeSeriesContract extends TimeSeriesContract {
    private final List<Database> opened = new ArrayList<>();

    /** The database {@link #series} runs on. */
    protected Database db;

    protected abstract Database openDatabase();

    /** The same database opened again. */
    protected abstract Database reopenDatabase();

    @Override
    protected TimeSeries open() {
        db = openDatabase();
        opened.add(db);
        return new SqlTimeSeries(db);
    }

    @Override
    protected TimeSeries reopen() {
        Database again = reopenDatabase();
        opened.add(again);
        return new SqlTimeSeries(again);
    }

    @Override
    protected void release() {
        opened.forEach(Database::close);
    }
}
