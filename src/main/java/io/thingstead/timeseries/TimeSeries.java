package io.thingstead.timeseries;

import java.util.List;
import java.util.Set;

/** The port for data points, latest values and device logs; implemented per database in storage. */
public interface TimeSeries {

    /** Stores history points, latest values and log entries in one durable transaction. */
    void write(List<Stored> history, List<Stored> latest, List<LogEntry> logs);

    /** Every latest value, to rebuild the in-memory state at start. */
    List<DataPoint> loadLatest();

    /** Points of one series in {@code [from, to)}, oldest or newest first, at most {@code limit}. */
    List<DataPoint> history(String deviceId, String propertyId, long from, long to, int limit, boolean newestFirst);

    /** Which of {@code times} a stored point of the series has (for points that may replace one). */
    Set<Long> storedTimes(String deviceId, String propertyId, List<Long> times);

    /** The time of the n-th point (0-based) of a series in {@code [from, to)} in the given order, or null. */
    Long nthTime(String deviceId, String propertyId, long from, long to, long n, boolean newestFirst);

    /** Per-bucket aggregates of one series in {@code [from, to)}, buckets of {@code size} ms from {@code origin}. */
    List<Bucket> aggregate(String deviceId, String propertyId, long from, long to, long origin, long size);

    /** Numeric values per bucket in ascending order, streamed to {@code sink} one bucket at a time. */
    void bucketValues(String deviceId, String propertyId, long from, long to, long origin, long size, BucketSink sink);

    @FunctionalInterface
    interface BucketSink {
        void bucket(long index, double[] sortedValues);
    }

    /** Count, and for numeric series min, max and sum, of every stored point of a series. */
    Bucket stats(String deviceId, String propertyId);

    /** Deletes points older than {@code cutoff}; returns how many. */
    int purgeBefore(String deviceId, String propertyId, long cutoff);

    /** Deletes the points of a property older than {@code cutoff}, for every device; returns how many. */
    int purgeAllBefore(String propertyId, long cutoff);

    /** Keeps only the newest {@code capacity} points; returns how many were deleted. */
    int purgeBeyond(String deviceId, String propertyId, long capacity);

    /** Deletes every point, latest value and log entry of a device. */
    void deleteDevice(String deviceId);

    /** Deletes every point and latest value of a property (for all devices). */
    void deleteProperty(String propertyId);

    List<LogEntry> logs(String deviceId, long offset, int limit);

    long countLogs(String deviceId);

    /** The highest device log id number stored, or 0. */
    long maxLogId();

    /** Housekeeping of the writing side, called by the store writer between commits and when idle. */
    default void maintain() {}

    /** Releases what the writing side holds; called after the last write. */
    default void close() {}

    /**
     * Aggregates of one bucket; numeric fields are null for non-numeric series.
     *
     * @param index bucket number from the origin
     */
    record Bucket(
            long index,
            long count,
            Double sum,
            Double min,
            Double max,
            Double sumOfSquares,
            long firstTime,
            String firstValue,
            long lastTime,
            String lastValue) {}
}
