package io.thingstead.timeseries;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@link TimeSeries} store must do, method by method, whatever it does inside (SQLite
 * stages points before merging them, PostgreSQL writes them in place, the in-memory fake keeps maps);
 * one subclass per store. The tests are in the parts it implements, one interface each.
 */
public abstract class TimeSeriesContract
        implements TimeSeriesWriteContract, TimeSeriesReadContract, TimeSeriesDeleteContract {

    protected TimeSeries series;

    /** A new, empty store. */
    protected abstract TimeSeries open();

    /**
     * The same store opened again by a new instance, as after a crash of the process that held
     * {@link #series} (which is neither closed nor merged first).
     */
    protected abstract TimeSeries reopen();

    /** Releases what {@link #open} and {@link #reopen} hold, after the stores were closed. */
    protected void release() {}

    @Override
    public TimeSeries series() {
        return series;
    }

    @Override
    public TimeSeries reopened() {
        return reopen();
    }

    @BeforeEach
    void openStore() {
        series = open();
    }

    @AfterEach
    void closeStore() {
        try {
            if (series != null) { // null when the store could not be opened (a skipped PostgreSQL run)
                series.close();
            }
        } finally {
            release();
        }
    }
}
