package io.thingstead.timeseries;

import java.util.List;
import java.util.Set;

/**
 * The port for data points, latest values and device logs; implemented per database in storage.
 * A series is one property of one device, named by the numbers in their ids ({@link Stored#digits});
 * it holds at most one point per millisecond. Every implementation behaves the same way, as the
 * contract tests prove for each of them.
 */
public interface TimeSeries {

    /**
     * Stores history points, latest values and log entries in one durable transaction: all of them
     * or, when it throws, none. A history point replaces the one of the same series and time (the
     * later of two in one call wins); a latest value replaces its series' latest value unless that
     * one is newer (of two of the same time the later wins). History points do not change the
     * latest values and latest values add no history. A log id already stored fails the write.
     */
    void write(List<Stored> history, List<Stored> latest, List<LogEntry> logs);

    /** Every latest value, in no particular order, to rebuild the in-memory state at start. */
    List<DataPoint> loadLatest();

    /** Points of one series in {@code [from, to)}, oldest or newest first, at most {@code limit}. */
    List<DataPoint> history(String deviceId, String propertyId, long from, long to, int limit, boolean newestFirst);

    /** Which of {@code times} a stored point of the series has (for points that may replace one). */
    Set<Long> storedTimes(String deviceId, String propertyId, List<Long> times);

    /** The time of the n-th point (0-based) of a series in {@code [from, to)} in the given order, or null. */
    Long nthTime(String deviceId, String propertyId, long from, long to, long n, boolean newestFirst);

    /**
     * Per-bucket aggregates of one series in {@code [from, to)}, in bucket order, buckets without
     * points left out. A point at {@code ts} is in bucket {@code (ts - origin) / size} (integer
     * division truncating toward zero, so {@code from} should not be before {@code origin}); {@code
     * size} is 1 or more.
     */
    List<Bucket> aggregate(String deviceId, String propertyId, long from, long to, long origin, long size);

    /**
     * The numeric values ({@link DataPoint#numeric}) per bucket in ascending order, buckets in order
     * and only those with a numeric value, streamed to {@code sink} one bucket at a time.
     */
    void bucketValues(String deviceId, String propertyId, long from, long to, long origin, long size, BucketSink sink);

    @FunctionalInterface
    interface BucketSink {
        void bucket(long index, double[] sortedValues);
    }

    /**
     * Count, and over the numeric values min, max and sum (null without one), of every stored point
     * of a series; the bucket's other fields are zero or null.
     */
    Bucket stats(String deviceId, String propertyId);

    /** Deletes the points of a series older than {@code cutoff}; returns how many. Latest values stay. */
    int purgeBefore(String deviceId, String propertyId, long cutoff);

    /** Deletes the points of a property older than {@code cutoff}, for every device; returns how many. */
    int purgeAllBefore(String propertyId, long cutoff);

    /** Keeps only the newest {@code capacity} (1 or more) points of a series; returns how many were deleted. */
    int purgeBeyond(String deviceId, String propertyId, long capacity);

    /** Deletes every point, latest value and log entry of a device. */
    void deleteDevice(String deviceId);

    /** Deletes every point and latest value of a property (for all devices); log entries stay. */
    void deleteProperty(String propertyId);

    /**
     * Log entries of a device, newest (highest id) first, skipping {@code offset}, at most {@code
     * limit}; each with the given device id and its time as {@link io.thingstead.core.Times#format}
     * prints it.
     */
    List<LogEntry> logs(String deviceId, long offset, int limit);

    long countLogs(String deviceId);

    /** The highest device log id number stored, or 0. */
    long maxLogId();

    /** Housekeeping of the writing side, called by the store writer between commits and when idle. */
    default void maintain() {}

    /** Releases what the writing side holds; called after the last write. What was written stays. */
    default void close() {}

    /**
     * Refuses a count below {@code min} (a negative limit, offset or n, a capacity under 1): the
     * databases would each read it differently.
     */
    static long atLeast(long min, String name, long value) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be " + min + " or more, got " + value);
        }
        return value;
    }

    /**
     * Aggregates of one bucket; numeric fields are null when the bucket has no numeric value.
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
