package io.thingstead.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The historical query object (KairosDB-shaped): a time range, a limit and order, and a chain of
 * aggregators. The first aggregator with a sampling is computed by the database per bucket; the
 * ones after it work on that (small) series.
 */
public record DataQuery(
        Long start, long end, Integer limit, boolean descending, List<Aggregator> aggregators, String source) {
    static final int MAX_RAW = 100_000;
    static final long MAX_BUCKETS = 100_000;

    /** One aggregator: a name, an optional sampling in ms, and its parameter (percentile, factor, rate unit). */
    public record Aggregator(String name, Long samplingMs, boolean align, double parameter) {
        boolean ranged() {
            return switch (name) {
                case "avg", "min", "max", "sum", "count", "first", "last", "dev", "percentile" -> true;
                default -> false;
            };
        }
    }

    public static DataQuery parse(JsonNode q, Instant now) {
        if (q == null || !q.isObject()) {
            throw ApiException.invalid("body", "must be a query object");
        }
        long nowMs = now.toEpochMilli();
        Long start = null;
        if (q.hasNonNull("startAbsolute")) {
            start = absolute("startAbsolute", q.get("startAbsolute"));
        } else if (q.hasNonNull("startRelative")) {
            start = nowMs - Durations.of("startRelative", q.get("startRelative"));
        }
        long end = nowMs + 1;
        if (q.hasNonNull("endAbsolute")) {
            end = absolute("endAbsolute", q.get("endAbsolute")) + 1;
        } else if (q.hasNonNull("endRelative")) {
            end = nowMs - Durations.of("endRelative", q.get("endRelative")) + 1;
        }
        if (start != null && start >= end) {
            throw ApiException.invalid("startAbsolute", "must be before the end of the range");
        }
        Integer limit = null;
        if (q.hasNonNull("limit")) {
            JsonNode l = q.get("limit");
            if (!l.canConvertToInt() || !l.isIntegralNumber() || l.intValue() < 1 || l.intValue() > MAX_RAW) {
                throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_RAW);
            }
            limit = l.intValue();
        }
        boolean desc = order(q.path("order").asText("asc"));
        List<Aggregator> aggs = new ArrayList<>();
        Long groupBySampling = groupByTime(q.get("groupBy"));
        JsonNode list = q.get("aggregators");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ApiException.invalid("aggregators", "must be an array");
            }
            for (int i = 0; i < list.size(); i++) {
                aggs.add(aggregator("aggregators[" + i + "]", list.get(i), i == 0 ? groupBySampling : null));
            }
        }
        String source = null;
        for (String key : new String[] {"tags", "attributes"}) {
            JsonNode src = q.path(key).path("source");
            if (src.isArray() && src.size() == 1) {
                source = src.get(0).asText();
            }
        }
        return new DataQuery(start, end, limit, desc, aggs, source);
    }

    static boolean order(String order) {
        return switch (order.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw ApiException.invalid("order", "must be 'asc' or 'desc', got '" + order + "'");
        };
    }

    private static long absolute(String field, JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            return Times.parse(field, v.textValue()).toEpochMilli();
        }
        throw ApiException.invalid(field, "must be an ISO-8601 time or epoch milliseconds");
    }

    /** A {@code groupBy} of {@code time} with a {@code rangeSize} samples the first aggregator that has none. */
    private static Long groupByTime(JsonNode groupBy) {
        if (groupBy == null || groupBy.isNull()) {
            return null;
        }
        if (!groupBy.isArray()) {
            throw ApiException.invalid("groupBy", "must be an array");
        }
        for (int i = 0; i < groupBy.size(); i++) {
            JsonNode g = groupBy.get(i);
            if ("time".equals(g.path("name").asText()) && g.has("rangeSize")) {
                return Durations.of("groupBy[" + i + "].rangeSize", g.get("rangeSize"));
            }
        }
        return null;
    }

    private static Aggregator aggregator(String field, JsonNode a, Long defaultSampling) {
        String name = a.path("name").asText("").toLowerCase(Locale.ROOT);
        Long sampling = a.hasNonNull("sampling")
                ? Long.valueOf(Durations.of(field + ".sampling", a.get("sampling")))
                : defaultSampling;
        boolean align = a.path("alignSampling").asBoolean(false);
        double parameter = 0;
        switch (name) {
            case "avg", "min", "max", "sum", "count", "first", "last", "dev", "diff" -> {}
            case "percentile" -> {
                parameter = a.path("percentile").asDouble(Double.NaN);
                if (!(parameter >= 0 && parameter <= 1)) {
                    throw ApiException.invalid(field + ".percentile", "must be a number from 0 to 1");
                }
            }
            case "scale" -> {
                if (!a.path("factor").isNumber()) {
                    throw ApiException.invalid(field + ".factor", "must be a number");
                }
                parameter = a.get("factor").doubleValue();
            }
            case "rate" ->
                parameter = a.hasNonNull("unit")
                        ? Durations.unitMs(field + ".unit", a.get("unit").asText())
                        : sampling != null ? sampling : 1000;
            default ->
                throw ApiException.invalid(
                        field + ".name",
                        "must be one of avg, min, max, sum, count, first, last, dev, percentile, diff, rate, scale; got '"
                                + name + "'");
        }
        if ("rate".equals(name)) {
            sampling = null;
        }
        return new Aggregator(name, sampling, align, parameter);
    }
}
