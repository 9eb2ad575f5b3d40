package io.thingstead.testing;

import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import io.thingstead.timeseries.TimeSeries;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A time-series store whose writes fail while {@link #failing} is set (as a full disk or a lost
 * database would make them), or wait while {@link #hold} is set (as a slow disk would, so that a
 * test can queue more behind a commit in progress), wrapped around the real one through {@code
 * Thingstead.start}'s store wrapper; everything else goes to the real store.
 */
public final class FailingStore implements TimeSeries {
    private final TimeSeries store;
    private volatile boolean failing;
    private volatile CountDownLatch gate;
    private final Semaphore held = new Semaphore(0);

    private FailingStore(TimeSeries store) {
        this.store = store;
    }

    /** The wrapper to hand to the server; {@code into} receives the instance it made. */
    public static TimeSeries wrap(TimeSeries store, java.util.function.Consumer<FailingStore> into) {
        FailingStore f = new FailingStore(store);
        into.accept(f);
        return f;
    }

    /** From now on every write fails (true) or works again (false). */
    public void failing(boolean on) {
        failing = on;
    }

    /** From now on every write waits, until {@link #release}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets the waiting writes (and every later one) go on. */
    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Waits until a write is waiting at the hold; false when none came within 10 s. */
    public boolean awaitHeldWrite() throws InterruptedException {
        return held.tryAcquire(10, TimeUnit.SECONDS);
    }

    @Override
    public void write(List<Stored> history, List<Stored> latest, List<LogEntry> logs) {
        CountDownLatch g = gate;
        if (g != null) {
            held.release();
            try {
                if (!g.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("A held write was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failing) {
            throw new IllegalStateException("Writing data failed: the store is failing on purpose");
        }
        store.write(history, latest, logs);
    }

    @Override
    public List<DataPoint> loadLatest() {
        return store.loadLatest();
    }

    @Override
    public List<DataPoint> history(
            String deviceId, String propertyId, long from, long to, int limit, boolean newestFirst) {
        return store.history(deviceId, propertyId, from, to, limit, newestFirst);
    }

    @Override
    public Set<Long> storedTimes(String deviceId, String propertyId, List<Long> times) {
        return store.storedTimes(deviceId, propertyId, times);
    }

    @Override
    public Long nthTime(String deviceId, String propertyId, long from, long to, long n, boolean newestFirst) {
        return store.nthTime(deviceId, propertyId, from, to, n, newestFirst);
    }

    @Override
    public List<Bucket> aggregate(String deviceId, String propertyId, long from, long to, long origin, long size) {
        return store.aggregate(deviceId, propertyId, from, to, origin, size);
    }

    @Override
    public void bucketValues(
            String deviceId, String propertyId, long from, long to, long origin, long size, BucketSink sink) {
        store.bucketValues(deviceId, propertyId, from, to, origin, size, sink);
    }

    @Override
    public Bucket stats(String deviceId, String propertyId) {
        return store.stats(deviceId, propertyId);
    }

    @Override
    public int purgeBefore(String deviceId, String propertyId, long cutoff) {
        return store.purgeBefore(deviceId, propertyId, cutoff);
    }

    @Override
    public int purgeAllBefore(String propertyId, long cutoff) {
        return store.purgeAllBefore(propertyId, cutoff);
    }

    @Override
    public int purgeBeyond(String deviceId, String propertyId, long capacity) {
        return store.purgeBeyond(deviceId, propertyId, capacity);
    }

    @Override
    public void deleteDevice(String deviceId) {
        store.deleteDevice(deviceId);
    }

    @Override
    public void deleteProperty(String propertyId) {
        store.deleteProperty(propertyId);
    }

    @Override
    public List<LogEntry> logs(String deviceId, long offset, int limit) {
        return store.logs(deviceId, offset, limit);
    }

    @Override
    public long countLogs(String deviceId) {
        return store.countLogs(deviceId);
    }

    @Override
    public long maxLogId() {
        return store.maxLogId();
    }

    @Override
    public void maintain() {
        store.maintain();
    }

    @Override
    public void close() {
        store.close();
    }
}
