package io.thingstead.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.thingstead.core.Copies;
import io.thingstead.timeseries.DataQuery.Aggregator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs a {@link DataQuery} on one series: the first ranged aggregator in the database, the rest in memory. */
final class QueryRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One output sample. */
    record Sample(long t, JsonNode v) {
        Double num() {
            return v.isNumber() ? v.doubleValue() : v.isBoolean() ? (v.booleanValue() ? 1.0 : 0.0) : null;
        }
    }

    record Result(long sampleSize, List<Sample> values, List<DataPoint> raw) {
        Result {
            values = List.copyOf(values);
            raw = Copies.list(raw);
        }
    }

    private static final int SOURCE_CHUNK = 1000;

    private final TimeSeries series;

    QueryRunner(TimeSeries series) {
        this.series = series;
    }

    /**
     * A {@code mostrecent} property keeps no history, only its latest value: that one point is its
     * whole series, and aggregators work on it in memory.
     */
    Result runOnLatest(DataPoint latest, DataQuery q) {
        List<Sample> values = new ArrayList<>();
        boolean inRange = latest != null
                && (q.start() == null || latest.time() >= q.start())
                && (q.end() == null || latest.time() < q.end());
        if (inRange) {
            values.add(new Sample(latest.time(), latest.value()));
        }
        for (Aggregator a : q.aggregators()) {
            values = inMemory(a, values);
        }
        return new Result(inRange ? 1 : 0, values, q.aggregators().isEmpty() && inRange ? List.of(latest) : null);
    }

    Result run(String deviceId, String propertyId, DataQuery q) {
        long from = from(deviceId, propertyId, q);
        long to = to(deviceId, propertyId, q);
        if (q.aggregators().isEmpty()) {
            int limit = q.limit() == null ? DataQuery.MAX_RAW : q.limit();
            List<DataPoint> raw = q.source() == null
                    ? series.history(deviceId, propertyId, from, to, limit, q.descending())
                    : ofSource(deviceId, propertyId, from, to, limit, q.descending(), q.source());
            return new Result(
                    raw.size(),
                    raw.stream().map(p -> new Sample(p.time(), p.value())).toList(),
                    raw);
        }
        if (q.limit() != null) {
            Long edge = series.nthTime(deviceId, propertyId, from, to, q.limit() - 1, q.descending());
            if (edge != null) {
                if (q.descending()) {
                    from = edge;
                } else {
                    to = edge + 1;
                }
            }
        }
        List<Aggregator> aggs = q.aggregators();
        List<Sample> values;
        long sampleSize;
        int next;
        Aggregator first = aggs.get(0);
        if (first.aggregation().ranged()) {
            long size = first.samplingMs() != null ? first.samplingMs() : Math.max(1, to - from);
            long origin = first.align() ? Math.floorDiv(from, size) * size : from;
            List<Sample> bucketed = new ArrayList<>();
            long[] count = {0};
            if (first.aggregation() == Aggregation.PERCENTILE) {
                final long o = origin;
                series.bucketValues(deviceId, propertyId, from, to, origin, size, (index, sorted) -> {
                    count[0] += sorted.length;
                    bucketed.add(
                            new Sample(o + index * size, DoubleNode.valueOf(percentile(sorted, first.parameter()))));
                });
            } else {
                for (TimeSeries.Bucket b : series.aggregate(deviceId, propertyId, from, to, origin, size)) {
                    count[0] += b.count();
                    JsonNode v = reduce(first.aggregation(), b);
                    if (v != null) {
                        bucketed.add(
                                new Sample(first.samplingMs() != null ? origin + b.index() * size : b.firstTime(), v));
                    }
                }
            }
            values = bucketed;
            sampleSize = count[0];
            next = 1;
        } else {
            List<DataPoint> raw = series.history(deviceId, propertyId, from, to, DataQuery.MAX_RAW, false);
            values = raw.stream().map(p -> new Sample(p.time(), p.value())).toList();
            sampleSize = raw.size();
            next = 0;
        }
        for (int i = next; i < aggs.size(); i++) {
            values = inMemory(aggs.get(i), values);
        }
        if (q.descending()) {
            values = new ArrayList<>(values);
            java.util.Collections.reverse(values);
        }
        return new Result(sampleSize, values, null);
    }

    /** No start means from the first point, which may lie before 1970. */
    private long from(String deviceId, String propertyId, DataQuery q) {
        if (q.start() != null) {
            return q.start();
        }
        if (q.aggregators().isEmpty()) {
            return Long.MIN_VALUE;
        }
        Long first = series.nthTime(deviceId, propertyId, Long.MIN_VALUE, to(deviceId, propertyId, q), 0, false);
        return first == null ? 0 : Math.min(0, first);
    }

    /**
     * No end means up to the newest point, so that a query and the latest value agree on what is
     * newest (a point may lie up to the accepted clock skew in the future). Aggregations need a
     * finite range: they end just after the newest point.
     */
    private long to(String deviceId, String propertyId, DataQuery q) {
        if (q.end() != null) {
            return q.end();
        }
        if (q.aggregators().isEmpty()) {
            return Long.MAX_VALUE;
        }
        Long newest = series.nthTime(deviceId, propertyId, Long.MIN_VALUE, Long.MAX_VALUE, 0, true);
        return newest == null ? 1 : newest + 1;
    }

    /** The first {@code limit} points of one source: the limit counts matching points, not points read. */
    private List<DataPoint> ofSource(
            String deviceId, String propertyId, long from, long to, int limit, boolean desc, Origin source) {
        List<DataPoint> out = new ArrayList<>();
        long lo = from;
        long hi = to;
        while (out.size() < limit) {
            List<DataPoint> chunk = series.history(deviceId, propertyId, lo, hi, SOURCE_CHUNK, desc);
            for (DataPoint p : chunk) {
                if (out.size() < limit
                        && p.meta() != null
                        && source.toString().equals(p.meta().path("source").asText())) {
                    out.add(p);
                }
            }
            if (chunk.size() < SOURCE_CHUNK) {
                break;
            }
            long edge = chunk.get(chunk.size() - 1).time();
            if (desc) {
                hi = edge;
            } else {
                lo = edge + 1;
            }
        }
        return out;
    }

    /** One database bucket reduced; a percentile needs the bucket's values, the others no range. */
    private static JsonNode reduce(Aggregation a, TimeSeries.Bucket b) {
        return switch (a) {
            case COUNT -> JSON.getNodeFactory().numberNode(b.count());
            case FIRST -> parse(b.firstValue());
            case LAST -> parse(b.lastValue());
            case SUM -> b.sum() == null ? null : DoubleNode.valueOf(b.sum());
            case MIN -> b.min() == null ? null : DoubleNode.valueOf(b.min());
            case MAX -> b.max() == null ? null : DoubleNode.valueOf(b.max());
            case AVG -> b.sum() == null ? null : DoubleNode.valueOf(b.sum() / b.count());
            case DEV -> b.sum() == null ? null : DoubleNode.valueOf(dev(b.count(), b.sum(), b.sumOfSquares()));
            case PERCENTILE, DIFF, RATE, SCALE -> throw new IllegalArgumentException("not reduced per bucket: " + a);
        };
    }

    static double dev(long n, double sum, double sumSq) {
        if (n < 2) {
            return 0;
        }
        double variance = (sumSq - sum * sum / n) / (n - 1);
        return Math.sqrt(Math.max(0, variance));
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double rank = p * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An aggregator applied to an already small series. */
    static List<Sample> inMemory(Aggregator a, List<Sample> in) {
        List<Sample> out = new ArrayList<>();
        switch (a.aggregation()) {
            case SCALE -> {
                for (Sample s : in) {
                    Double n = s.num();
                    if (n != null) {
                        out.add(new Sample(s.t(), DoubleNode.valueOf(n * a.parameter())));
                    }
                }
            }
            case DIFF, RATE -> {
                Sample prev = null;
                for (Sample s : in) {
                    if (s.num() == null) {
                        continue;
                    }
                    if (prev != null) {
                        double d = s.num() - prev.num();
                        if (a.aggregation() == Aggregation.RATE) {
                            long dt = s.t() - prev.t();
                            d = dt == 0 ? 0 : d / ((double) dt / a.parameter());
                        }
                        out.add(new Sample(s.t(), DoubleNode.valueOf(d)));
                    }
                    prev = s;
                }
            }
            case AVG, MIN, MAX, SUM, COUNT, FIRST, LAST, DEV, PERCENTILE -> {
                long size = a.samplingMs() == null ? Long.MAX_VALUE : a.samplingMs();
                List<Sample> group = new ArrayList<>();
                long current = Long.MIN_VALUE;
                for (Sample s : in) {
                    long b = size == Long.MAX_VALUE ? 0 : Math.floorDiv(s.t(), size);
                    if (b != current && !group.isEmpty()) {
                        out.add(ranged(
                                a, group, size == Long.MAX_VALUE ? group.get(0).t() : current * size));
                        group.clear();
                    }
                    current = b;
                    group.add(s);
                }
                if (!group.isEmpty()) {
                    out.add(ranged(
                            a, group, size == Long.MAX_VALUE ? group.get(0).t() : current * size));
                }
            }
        }
        return out;
    }

    private static Sample ranged(Aggregator a, List<Sample> group, long t) {
        double[] nums = group.stream()
                .map(Sample::num)
                .filter(n -> n != null)
                .mapToDouble(Double::doubleValue)
                .toArray();
        double sum = Arrays.stream(nums).sum();
        JsonNode v = switch (a.aggregation()) {
            case COUNT -> JSON.getNodeFactory().numberNode(group.size());
            case FIRST -> group.get(0).v();
            case LAST -> group.get(group.size() - 1).v();
            case SUM -> DoubleNode.valueOf(sum);
            case MIN -> DoubleNode.valueOf(Arrays.stream(nums).min().orElse(Double.NaN));
            case MAX -> DoubleNode.valueOf(Arrays.stream(nums).max().orElse(Double.NaN));
            case AVG -> DoubleNode.valueOf(nums.length == 0 ? Double.NaN : sum / nums.length);
            case DEV ->
                DoubleNode.valueOf(dev(
                        nums.length, sum, Arrays.stream(nums).map(x -> x * x).sum()));
            case PERCENTILE -> {
                Arrays.sort(nums);
                yield DoubleNode.valueOf(nums.length == 0 ? Double.NaN : percentile(nums, a.parameter()));
            }
            case DIFF, RATE, SCALE -> throw new IllegalArgumentException("not a ranged aggregation: " + a);
        };
        return new Sample(t, v);
    }
}
