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
import java.util.function.Consumer;

/**
 * A time-series store whose writes fail while {@link #failing} is set (as a full disk or a lost
 * database would make them), or wait while {@link #hold} is set (as a slow disk would, so that a
 * test can queue more behind a commit in progress), or fail only when they name one device ({@link
 * #failingDevice}, as a writer lane whose connection broke), wrapped around the real one through
 * {@code Thingstead.start}'s store wrapper or {@link #around}; everything else goes to the real
 * store. {@link #onWrite} sees the history points of each write before it is stored.
 */
public final class FailingStore implements TimeSeries {
    private final TimeSeries store;
    private volatile boolean failing;
    private volatile CountDownLatch gate;
    private final Semaphore held = new Semaphore(0);
    private volatile long failingDevice = -1;
    private volatile Consumer<List<Stored>> onWrite = history -> {};

    private FailingStore(TimeSeries store) {
        this.store = store;
    }

    /** The store wrapped, writing through until told to fail. */
    public static FailingStore around(TimeSeries store) {
        return new FailingStore(store);
    }

    /** From now on a write with a point or log entry of {@code deviceId} fails; null: none does. */
    public void failingDevice(String deviceId) {
        failingDevice = deviceId == null ? -1 : Stored.digits(deviceId);
    }

    /** {@code observer} is given the history points of every write, before the write is stored. */
    public void onWrite(Consumer<List<Stored>> observer) {
        onWrite = observer;
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
        long device = failingDevice;
        if (failing
                || history.stream().anyMatch(s -> s.device() == device)
                || latest.stream().anyMatch(s -> s.device() == device)
                || logs.stream().anyMatch(l -> Stored.digits(l.deviceId()) == device)) {
            throw new IllegalStateException("Writing data failed: the store is failing on purpose");
        }
        onWrite.accept(history);
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
