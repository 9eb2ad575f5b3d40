package io.thingstead.timeseries;

import io.thingstead.testing.InMemoryTimeSeries;

/** The fake unit tests use keeps the same contract as the SQL stores. */
class InMemoryTimeSeriesTest extends TimeSeriesContract {
    private InMemoryTimeSeries store;

    @Override
    protected TimeSeries open() {
        store = new InMemoryTimeSeries();
        return store;
    }

    @Override
    protected TimeSeries reopen() {
        return store.restarted();
    }
}
