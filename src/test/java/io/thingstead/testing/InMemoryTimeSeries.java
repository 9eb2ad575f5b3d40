package io.thingstead.testing;

import io.thingstead.core.Times;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import io.thingstead.timeseries.Stored;
import io.thingstead.timeseries.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link TimeSeries} in memory for unit tests, behaving exactly like the SQL stores (the same
 * contract tests run on it): points kept as the stores keep them (numeric ids, JSON text) and read
 * back through {@link Stored#decode}. {@link #restarted} is the same data seen by a new instance, as
 * the database is after a restart.
 */
public final class InMemoryTimeSeries implements TimeSeries {
    private record Series(long device, long property) {}

    private record Log(long id, long device, long time, LogLevel level, String type, String message) {}

    /** What the stores keep of a series: points by time, and the latest value. */
    private static final class Data {
        final Map<Series, NavigableMap<Long, Stored>> points = new HashMap<>();
        final Map<Series, Stored> latest = new HashMap<>();
        final NavigableMap<Long, Log> logs = new TreeMap<>();
    }

    private final Data data;

    public InMemoryTimeSeries() {
        this(new Data());
    }

    private InMemoryTimeSeries(Data data) {
        this.data = data;
    }

    /** A new instance over the same data, as a store opened again after a crash or a restart. */
    public InMemoryTimeSeries restarted() {
        return new InMemoryTimeSeries(data);
    }

    private static Series series(String deviceId, String propertyId) {
        return new Series(Stored.digits(deviceId), Stored.digits(propertyId));
    }

    @Override
    public void write(List<Stored> history, List<Stored> latest, List<LogEntry> logs) {
        synchronized (data) {
            List<Log> rows = new ArrayList<>(logs.size());
            for (LogEntry l : logs) {
                Log row = new Log(
                        Stored.digits(l.id()),
                        Stored.digits(l.deviceId()),
                        Instant.parse(l.time()).toEpochMilli(),
                        l.level(),
                        l.type(),
                        l.message());
                if (data.logs.containsKey(row.id()) || rows.stream().anyMatch(r -> r.id() == row.id())) {
                    throw new IllegalStateException("Writing data failed: log id " + l.id() + " is already stored");
                }
                rows.add(row);
            }
            for (Stored s : history) {
                data.points
                        .computeIfAbsent(new Series(s.device(), s.property()), k -> new TreeMap<>())
                        .put(s.point().time(), s);
            }
            for (Stored s : latest) {
                data.latest.merge(
                        new Series(s.device(), s.property()),
                        s,
                        (old, neu) -> neu.point().time() >= old.point().time() ? neu : old);
            }
            rows.forEach(r -> data.logs.put(r.id(), r));
        }
    }

    @Override
    public List<DataPoint> loadLatest() {
        synchronized (data) {
            return data.latest.values().stream().map(InMemoryTimeSeries::decode).toList();
        }
    }

    private static DataPoint decode(Stored s) {
        return Stored.decode(s.device(), s.property(), s.point().time(), s.valueJson(), s.metaJson());
    }

    /** The points of a series in {@code [from, to)}, in the given order. */
    private Collection<Stored> range(String deviceId, String propertyId, long from, long to, boolean newestFirst) {
        NavigableMap<Long, Stored> all = data.points.getOrDefault(series(deviceId, propertyId), new TreeMap<>());
        if (from >= to) {
            return List.of();
        }
        NavigableMap<Long, Stored> in = all.subMap(from, true, to, false);
        return List.copyOf((newestFirst ? in.descendingMap() : in).values());
    }

    @Override
    public List<DataPoint> history(
            String deviceId, String propertyId, long from, long to, int limit, boolean newestFirst) {
        TimeSeries.atLeast(0, "limit", limit);
        synchronized (data) {
            return range(deviceId, propertyId, from, to, newestFirst).stream()
                    .limit(limit)
                    .map(InMemoryTimeSeries::decode)
                    .toList();
        }
    }

    @Override
    public Set<Long> storedTimes(String deviceId, String propertyId, List<Long> times) {
        synchronized (data) {
            NavigableMap<Long, Stored> points = data.points.getOrDefault(series(deviceId, propertyId), new TreeMap<>());
            Set<Long> out = new HashSet<>();
            for (Long t : times) {
                if (points.containsKey(t)) {
                    out.add(t);
                }
            }
            return out;
        }
    }

    @Override
    public Long nthTime(String deviceId, String propertyId, long from, long to, long n, boolean newestFirst) {
        TimeSeries.atLeast(0, "n", n);
        synchronized (data) {
            return range(deviceId, propertyId, from, to, newestFirst).stream()
                    .skip(n)
                    .findFirst()
                    .map(s -> s.point().time())
                    .orElse(null);
        }
    }

    /** The points of a series in {@code [from, to)} by bucket, buckets and points in ascending order. */
    private NavigableMap<Long, List<Stored>> buckets(
            String deviceId, String propertyId, long from, long to, long origin, long size) {
        TimeSeries.atLeast(1, "size", size);
        NavigableMap<Long, List<Stored>> out = new TreeMap<>();
        for (Stored s : range(deviceId, propertyId, from, to, false)) {
            out.computeIfAbsent((s.point().time() - origin) / size, k -> new ArrayList<>())
                    .add(s);
        }
        return out;
    }

    @Override
    public List<Bucket> aggregate(String deviceId, String propertyId, long from, long to, long origin, long size) {
        synchronized (data) {
            List<Bucket> out = new ArrayList<>();
            buckets(deviceId, propertyId, from, to, origin, size).forEach((index, points) -> {
                Bucket b = summary(index, points);
                Stored first = points.get(0);
                Stored last = points.get(points.size() - 1);
                out.add(new Bucket(
                        index,
                        b.count(),
                        b.sum(),
                        b.min(),
                        b.max(),
                        b.sumOfSquares(),
                        first.point().time(),
                        first.valueJson(),
                        last.point().time(),
                        last.valueJson()));
            });
            return out;
        }
    }

    /** Count, and over the numeric values sum, min, max and sum of squares (null without one). */
    private static Bucket summary(long index, Collection<Stored> points) {
        Double sum = null;
        Double min = null;
        Double max = null;
        Double squares = null;
        for (Stored s : points) {
            Double v = s.numeric();
            if (v != null) {
                sum = sum == null ? v : sum + v;
                squares = squares == null ? v * v : squares + v * v;
                min = min == null ? v : Math.min(min, v);
                max = max == null ? v : Math.max(max, v);
            }
        }
        return new Bucket(index, points.size(), sum, min, max, squares, 0, null, 0, null);
    }

    @Override
    public void bucketValues(
            String deviceId, String propertyId, long from, long to, long origin, long size, BucketSink sink) {
        List<Map.Entry<Long, double[]>> sorted = new ArrayList<>();
        synchronized (data) {
            buckets(deviceId, propertyId, from, to, origin, size).forEach((index, points) -> {
                double[] values = points.stream()
                        .map(Stored::numeric)
                        .filter(v -> v != null)
                        .mapToDouble(Double::doubleValue)
                        .sorted()
                        .toArray();
                if (values.length > 0) {
                    sorted.add(Map.entry(index, values));
                }
            });
        }
        sorted.forEach(e -> sink.bucket(e.getKey(), e.getValue()));
    }

    @Override
    public Bucket stats(String deviceId, String propertyId) {
        synchronized (data) {
            Bucket b = summary(0, range(deviceId, propertyId, Long.MIN_VALUE, Long.MAX_VALUE, false));
            return new Bucket(0, b.count(), b.sum(), b.min(), b.max(), null, 0, null, 0, null);
        }
    }

    @Override
    public int purgeBefore(String deviceId, String propertyId, long cutoff) {
        synchronized (data) {
            NavigableMap<Long, Stored> points = data.points.get(series(deviceId, propertyId));
            return points == null ? 0 : clear(points.headMap(cutoff, false));
        }
    }

    private static int clear(Map<Long, Stored> points) {
        int n = points.size();
        points.clear();
        return n;
    }

    @Override
    public int purgeAllBefore(String propertyId, long cutoff) {
        long p = Stored.digits(propertyId);
        synchronized (data) {
            int n = 0;
            for (Map.Entry<Series, NavigableMap<Long, Stored>> e : data.points.entrySet()) {
                if (e.getKey().property() == p) {
                    n += clear(e.getValue().headMap(cutoff, false));
                }
            }
            return n;
        }
    }

    @Override
    public int purgeBeyond(String deviceId, String propertyId, long capacity) {
        TimeSeries.atLeast(1, "capacity", capacity);
        synchronized (data) {
            NavigableMap<Long, Stored> points = data.points.get(series(deviceId, propertyId));
            if (points == null || points.size() <= capacity) {
                return 0;
            }
            long keepFrom = points.descendingKeySet().stream()
                    .skip(capacity - 1)
                    .findFirst()
                    .orElseThrow();
            return clear(points.headMap(keepFrom, false));
        }
    }

    @Override
    public void deleteDevice(String deviceId) {
        long d = Stored.digits(deviceId);
        synchronized (data) {
            data.points.keySet().removeIf(s -> s.device() == d);
            data.latest.keySet().removeIf(s -> s.device() == d);
            data.logs.values().removeIf(l -> l.device() == d);
        }
    }

    @Override
    public void deleteProperty(String propertyId) {
        long p = Stored.digits(propertyId);
        synchronized (data) {
            data.points.keySet().removeIf(s -> s.property() == p);
            data.latest.keySet().removeIf(s -> s.property() == p);
        }
    }

    @Override
    public List<LogEntry> logs(String deviceId, long offset, int limit) {
        TimeSeries.atLeast(0, "offset", offset);
        TimeSeries.atLeast(0, "limit", limit);
        long d = Stored.digits(deviceId);
        synchronized (data) {
            return data.logs.descendingMap().values().stream()
                    .filter(l -> l.device() == d)
                    .skip(offset)
                    .limit(limit)
                    .map(l -> new LogEntry(
                            "_log_" + l.id(),
                            deviceId,
                            Times.format(Instant.ofEpochMilli(l.time())),
                            l.level(),
                            l.type(),
                            l.message()))
                    .toList();
        }
    }

    @Override
    public long countLogs(String deviceId) {
        long d = Stored.digits(deviceId);
        synchronized (data) {
            return data.logs.values().stream().filter(l -> l.device() == d).count();
        }
    }

    @Override
    public long maxLogId() {
        synchronized (data) {
            return data.logs.isEmpty() ? 0 : data.logs.lastKey();
        }
    }
}
