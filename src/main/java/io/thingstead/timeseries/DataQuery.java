package io.thingstead.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Times;
import io.thingstead.core.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The historical query object (KairosDB-shaped): a time range, a limit and order, and a chain of
 * aggregators. The first aggregator with a sampling is computed by the database per bucket; the
 * ones after it work on that (small) series.
 */
public record DataQuery(
        Long start, Long end, Integer limit, boolean descending, List<Aggregator> aggregators, Origin source) {
    public DataQuery {
        aggregators = List.copyOf(aggregators);
    }

    static final int MAX_RAW = 100_000;
    static final long MAX_BUCKETS = 100_000;

    /** One aggregator: what it computes, an optional sampling in ms, and its parameter (percentile, factor, rate unit). */
    public record Aggregator(Aggregation aggregation, Long samplingMs, boolean align, double parameter) {}

    /** The query object; names KairosDB has but this server does not serve are refused as such. */
    static final FieldSet QUERY = FieldSet.of(
                    "startAbsolute",
                    "startRelative",
                    "endAbsolute",
                    "endRelative",
                    "timeZone",
                    "attributes",
                    "tags",
                    "groupBy",
                    "aggregators",
                    "excludeTags",
                    "limit",
                    "order")
            .unsupported("metrics", "plugins", "cacheTime", "cache_time");

    private static final FieldSet AGGREGATOR = FieldSet.of(
                    "name",
                    "sampling",
                    "alignSampling",
                    "alignStartTime",
                    "startTime",
                    "timeZone",
                    "percentile",
                    "factor",
                    "unit")
            .unsupported("alignEndTime", "divisor", "trim");
    private static final FieldSet GROUP_BY = FieldSet.of("name", "rangeSize").unsupported("groupCount", "bins");
    private static final FieldSet ATTRIBUTES = FieldSet.of("source").unsupported("protocol");
    private static final Set<Origin> ORIGINS = EnumSet.allOf(Origin.class);
    private static final Set<Aggregation> AGGREGATIONS = EnumSet.allOf(Aggregation.class);

    /** A query: {@code end} null means up to the newest point (which is never past the accepted skew). */
    public static DataQuery parse(JsonNode body, Instant now) {
        Fields q = Fields.of(body, "", QUERY);
        long nowMs = now.toEpochMilli();
        Long start = null;
        if (q.present("startAbsolute")) {
            start = absolute("startAbsolute", q.raw("startAbsolute"));
        } else if (q.present("startRelative")) {
            start = nowMs - Durations.of("startRelative", q.raw("startRelative"));
        }
        Long end = null;
        if (q.present("endAbsolute")) {
            end = absolute("endAbsolute", q.raw("endAbsolute")) + 1;
        } else if (q.present("endRelative")) {
            end = nowMs - Durations.of("endRelative", q.raw("endRelative")) + 1;
        }
        if (start != null && end != null && start >= end) {
            throw ApiException.invalid("startAbsolute", "must be before the end of the range");
        }
        Long limit = q.integer("limit");
        if (limit != null && (limit < 1 || limit > MAX_RAW)) {
            throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_RAW);
        }
        String order = q.string("order");
        boolean desc = order != null && order(order);
        utcOnly(q, "timeZone");
        q.bool("excludeTags");
        List<Aggregator> aggs = new ArrayList<>();
        Long groupBySampling = groupByTime(q.raw("groupBy"));
        JsonNode list = q.raw("aggregators");
        if (list != null) {
            if (!list.isArray()) {
                throw ApiException.invalid("aggregators", "must be an array");
            }
            for (int i = 0; i < list.size(); i++) {
                aggs.add(aggregator("aggregators[" + i + "]", list.get(i), i == 0 ? groupBySampling : null));
            }
        }
        Origin source = source(q, "tags");
        Origin fromAttributes = source(q, "attributes");
        source = source != null ? source : fromAttributes;
        if (source != null && !aggs.isEmpty()) {
            throw ApiException.invalid("attributes.source", "cannot be combined with aggregators on this server");
        }
        return new DataQuery(start, end, limit == null ? null : limit.intValue(), desc, aggs, source);
    }

    /** One source out of {@code object} and {@code external_client}, or null for both. */
    private static Origin source(Fields q, String field) {
        Fields attributes = q.object(field, ATTRIBUTES);
        List<String> sources = attributes == null ? null : attributes.strings("source");
        if (sources == null) {
            return null;
        }
        Set<Origin> origins = EnumSet.noneOf(Origin.class);
        for (int i = 0; i < sources.size(); i++) {
            Origin o = Wire.find(ORIGINS, sources.get(i), false);
            if (o == null) {
                throw ApiException.invalid(field + ".source[" + i + "]", "must be one of " + Wire.spellings(ORIGINS));
            }
            origins.add(o);
        }
        return origins.size() == 1 ? origins.iterator().next() : null;
    }

    /** Times are UTC here: a time zone other than UTC would change the result, so it is refused. */
    private static void utcOnly(Fields f, String field) {
        String zone = f.string(field);
        if (zone != null && !List.of("utc", "z", "gmt", "etc/utc", "etc/gmt").contains(zone.toLowerCase(Locale.ROOT))) {
            throw ApiException.invalid(f.name(field), "must be UTC: other time zones are not supported by this server");
        }
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
        if (groupBy == null) {
            return null;
        }
        if (!groupBy.isArray()) {
            throw ApiException.invalid("groupBy", "must be an array");
        }
        Long sampling = null;
        for (int i = 0; i < groupBy.size(); i++) {
            String at = "groupBy[" + i + "]";
            Fields g = Fields.of(groupBy.get(i), at, GROUP_BY);
            String name = g.requiredString("name");
            if (!"time".equals(name)) {
                throw ApiException.invalid(at + ".name", "'" + name + "' is not supported by this server; use 'time'");
            }
            if (g.present("rangeSize")) {
                sampling = Durations.of(at + ".rangeSize", g.raw("rangeSize"));
            }
        }
        return sampling;
    }

    private static Aggregator aggregator(String field, JsonNode node, Long defaultSampling) {
        Fields a = Fields.of(node, field, AGGREGATOR);
        String name = a.requiredString("name").toLowerCase(Locale.ROOT);
        Aggregation aggregation = Wire.find(AGGREGATIONS, name, false);
        if (aggregation == null) {
            throw ApiException.invalid(
                    field + ".name",
                    "must be one of " + String.join(", ", Wire.spellings(AGGREGATIONS)) + "; got '" + name + "'");
        }
        Long sampling = a.present("sampling")
                ? Long.valueOf(Durations.of(field + ".sampling", a.raw("sampling")))
                : defaultSampling;
        boolean align = Boolean.TRUE.equals(a.bool("alignSampling"));
        if (align && Boolean.TRUE.equals(a.bool("alignStartTime"))) {
            throw ApiException.invalid(field + ".alignStartTime", "cannot be true together with alignSampling");
        }
        a.integer("startTime");
        utcOnly(a, "timeZone");
        double parameter = 0;
        switch (aggregation) {
            case AVG, MIN, MAX, SUM, COUNT, FIRST, LAST, DEV, DIFF -> {}
            case PERCENTILE -> {
                Double pct = a.number("percentile");
                if (pct == null || !(pct >= 0 && pct <= 1)) {
                    throw ApiException.invalid(field + ".percentile", "must be a number from 0 to 1");
                }
                parameter = pct;
            }
            case SCALE -> {
                Double factor = a.number("factor");
                if (factor == null) {
                    throw ApiException.invalid(field + ".factor", "must be a number");
                }
                parameter = factor;
            }
            case RATE ->
                parameter = a.present("unit")
                        ? Durations.unitMs(field + ".unit", a.string("unit"))
                        : sampling != null ? sampling : 1000;
        }
        if (aggregation == Aggregation.RATE) {
            sampling = null;
        }
        return new Aggregator(aggregation, sampling, align, parameter);
    }
}
