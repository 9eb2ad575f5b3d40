package io.thingstead.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.Copies;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Locations;
import io.thingstead.core.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A parsed Data Feed: points with their destination property reference, time and value, feed-level
 * {@code prop}, {@code t}, {@code tags}, {@code loc} and {@code ann} applied under point-level ones.
 * A malformed feed (no {@code dps}, a bad {@code t} or {@code tt}) is refused whole.
 */
public record Feed(List<Entry> entries) {
    public Feed {
        entries = Copies.list(entries);
    }

    /**
     * One point of the feed. {@code problem} is set when this point alone is unusable (it is
     * then rejected and counted, its neighbours go on). {@code serverTime}: no {@code t} or {@code
     * tt} gave the point its time, the server's clock did (README: Data, point times).
     */
    public record Entry(String prop, long time, JsonNode value, ObjectNode meta, String problem, boolean serverTime) {
        /** A point timed by the server's clock at {@code now}, e.g. a raw value published over MQTT. */
        public static Entry serverTimed(String prop, long now, JsonNode value) {
            return new Entry(prop, now, value, null, null, true);
        }
    }

    private static final int MAX_ANNOTATIONS = 10;

    /** A Data Feed and its points (docs/connio.md: Writing data); an unknown name refuses the whole feed. */
    static final FieldSet FEED = FieldSet.of("dps", "prop", "t", "tags", "loc", "ann");

    static final FieldSet POINT = FieldSet.of("t", "v", "tt", "tags", "loc", "prop", "ann");

    /** A Data Feed body; {@code fixedProp} is the property named by the path, or null. */
    public static Feed parse(JsonNode body, String fixedProp, Instant now) {
        if (body == null || !body.isObject()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "'body' must be a Data Feed object with 'dps'");
        }
        FEED.check(body::fieldNames, "", "field");
        JsonNode dps = body.get("dps");
        if (dps == null || !dps.isArray()) {
            throw ApiException.invalid("dps", "is required: an array of data points");
        }
        long base = body.hasNonNull("t") ? time("t", body.get("t")) : now.toEpochMilli();
        String feedProp = fixedProp != null ? fixedProp : text(body.get("prop"));
        List<Entry> out = new ArrayList<>(dps.size());
        for (int i = 0; i < dps.size(); i++) {
            JsonNode p = dps.get(i);
            String at = "dps[" + i + "]";
            if (!p.isObject()) {
                throw ApiException.invalid(at, "must be a data point object");
            }
            POINT.check(p::fieldNames, at, "field");
            long t = p.hasNonNull("t") ? time(at + ".t", p.get("t")) : base;
            boolean serverTime = !body.hasNonNull("t") && !p.hasNonNull("t") && !p.hasNonNull("tt");
            if (p.hasNonNull("tt")) {
                JsonNode tt = p.get("tt");
                if (!tt.isIntegralNumber() || !tt.canConvertToLong()) {
                    throw ApiException.invalid(at + ".tt", "must be an integer number of milliseconds");
                }
                try {
                    t = Math.addExact(t, tt.longValue());
                } catch (ArithmeticException outOfRange) {
                    throw ApiException.invalid(at + ".tt", "moves the time out of the range of millisecond times");
                }
            }
            String prop = fixedProp != null ? fixedProp : p.hasNonNull("prop") ? text(p.get("prop")) : feedProp;
            String problem = prop == null ? "names no property ('prop')" : null;
            ObjectNode meta = meta(body, p);
            if (problem == null) {
                problem = checkMeta(meta);
            }
            out.add(new Entry(prop, t, p.get("v"), meta, problem, serverTime));
        }
        return new Feed(out);
    }

    /** A conventional object {@code {"prop": value, ...}} at server time. */
    public static Feed ofObject(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            throw new ApiException(
                    ErrorCode.VALIDATION_FAILED, "'body' must be an object of property names and values");
        }
        List<Entry> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            out.add(Entry.serverTimed(e.getKey(), now.toEpochMilli(), e.getValue()));
        }
        return new Feed(out);
    }

    private static long time(String field, JsonNode t) {
        if (!t.isTextual()) {
            throw ApiException.invalid(field, "must be an ISO-8601 time with a zone");
        }
        return Times.parse(field, t.textValue()).toEpochMilli();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.isTextual() ? n.textValue() : n.toString();
    }

    private static ObjectNode meta(JsonNode feed, JsonNode point) {
        ObjectNode meta = null;
        for (String key : new String[] {"tags", "loc", "ann"}) {
            JsonNode v = point.hasNonNull(key) ? point.get(key) : feed.get(key);
            if (v != null && !v.isNull()) {
                if (meta == null) {
                    meta = JsonNodeFactory.instance.objectNode();
                }
                meta.set(key, v);
            }
        }
        return meta;
    }

    private static String checkMeta(ObjectNode meta) {
        if (meta == null) {
            return null;
        }
        JsonNode tags = meta.get("tags");
        if (tags != null) {
            if (!tags.isArray()) {
                return "'tags' must be an array of strings";
            }
            for (JsonNode t : tags) {
                if (!t.isTextual()) {
                    return "'tags' must be an array of strings";
                }
            }
        }
        JsonNode loc = meta.get("loc");
        if (loc != null) {
            try {
                Locations.check(loc, "loc");
            } catch (ApiException e) {
                return e.getMessage();
            }
        }
        JsonNode ann = meta.get("ann");
        if (ann != null) {
            if (!ann.isObject() || ann.size() > MAX_ANNOTATIONS) {
                return "'ann' must be an object of at most " + MAX_ANNOTATIONS + " string values";
            }
            for (JsonNode v : ann) {
                if (!v.isTextual() || v.textValue().length() > 128) {
                    return "'ann' values must be strings of at most 128 characters";
                }
            }
        }
        return null;
    }
}
