package io.thingstead.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Page;
import io.thingstead.core.Times;
import io.thingstead.core.Wire;
import io.thingstead.devices.Device;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.PropertyType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads: the flat map of latest values, the state object, the last N points, queries, and the
 * device log. An external key reads public and protected properties; the device (or its gateway)
 * reads all of them.
 */
public final class DataService {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    public static final int MAX_HISTORY = 1000;

    private final ProfileCatalog catalog;
    private final LatestValues latest;
    private final TimeSeries series;
    private final QueryRunner runner;
    private final InstantSource clock;
    private final String initiatedAt;

    public DataService(ProfileCatalog catalog, LatestValues latest, TimeSeries series, InstantSource clock) {
        this.catalog = catalog;
        this.latest = latest;
        this.series = series;
        this.runner = new QueryRunner(series);
        this.clock = clock;
        this.initiatedAt = Times.format(clock.instant());
    }

    static boolean readable(ProfileCatalog.Resolved r, boolean byDevice) {
        return byDevice || r.property().access().othersRead();
    }

    /** {@code GET /data/devices/{ref}}: property name → most recent value. */
    public Map<String, JsonNode> flat(Device d, boolean byDevice) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (ProfileCatalog.Resolved r : catalog.resolvedProperties(d.profileId())) {
            DataPoint p = latest.get(d.id(), r.property().id());
            if (p != null && readable(r, byDevice)) {
                out.put(r.property().name(), p.value());
            }
        }
        return out;
    }

    /** A readable property of the device, by id, name or qualified name. */
    public ProfileCatalog.Resolved property(Device d, String ref, boolean byDevice) {
        ProfileCatalog.Resolved r = catalog.resolveProperty(d.profileId(), ref);
        if (r == null) {
            throw ApiException.notFound("Property", ref);
        }
        if (!readable(r, byDevice)) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Property '" + r.property().name() + "' is private: only its device reads it");
        }
        return r;
    }

    /** {@code GET /data/devices/{ref}/state}. */
    public ObjectNode state(
            Device d,
            boolean byDevice,
            boolean header,
            boolean meta,
            boolean stats,
            String properties,
            JsonNode deviceJson) {
        ObjectNode out = JSON.objectNode();
        if (header) {
            ObjectNode h = deviceJson.deepCopy();
            DeviceProfile profile = catalog.profile(d.profileId());
            h.put("deviceClass", profile.deviceClass())
                    .put("vendorName", profile.vendorName())
                    .put("productName", profile.productName())
                    .put("imageUrl", profile.imageUrl())
                    .put("initiatedAt", initiatedAt);
            h.putObject("ingestion").put("rateLimit", -1).put("maxNrOfDpPerFeed", -1);
            out.set("header", h);
        }
        Set<String> wanted = properties == null ? null : names(properties);
        ArrayNode props = out.putArray("properties");
        for (ProfileCatalog.Resolved r : catalog.resolvedProperties(d.profileId())) {
            if (!readable(r, byDevice)
                    || (wanted != null && !wanted.contains(r.property().name().toLowerCase(java.util.Locale.ROOT)))) {
                continue;
            }
            ObjectNode item = props.addObject();
            item.putObject("ref").put("id", r.property().id()).put("qname", r.qualifiedName());
            if (meta) {
                item.set("meta", JSON.pojoNode(r.view()));
            }
            DataPoint p = latest.get(d.id(), r.property().id());
            if (p != null) {
                ObjectNode value = item.putObject("value");
                value.set("mostRecent", p.value());
                value.put("time", Times.format(Instant.ofEpochMilli(p.time())));
                if (p.meta() != null) {
                    copy(p.meta(), "ann", value, "annotations");
                    copy(p.meta(), "loc", value, "location");
                    copy(p.meta(), "tags", value, "tags");
                }
                if (stats) {
                    TimeSeries.Bucket s = series.stats(d.id(), r.property().id());
                    ObjectNode st = item.putObject("stats").put("count", s.count());
                    if (r.property().type() == PropertyType.NUMBER && s.count() > 0) {
                        st.put("min", s.min()).put("max", s.max()).put("sum", s.sum());
                    }
                }
            }
        }
        out.putArray("methods");
        out.putArray("alerts");
        return out;
    }

    private static void copy(ObjectNode from, String key, ObjectNode to, String as) {
        if (from.has(key)) {
            to.set(as, from.get(key));
        }
    }

    private static Set<String> names(String csv) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /** {@code GET .../properties/{prop}?limit=&order=&source=}: the last N points. */
    public ObjectNode history(Device d, ProfileCatalog.Resolved r, String limit, String order, String source) {
        int n = 100;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_HISTORY);
            }
            if (n < 1 || n > MAX_HISTORY) {
                throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_HISTORY);
            }
        }
        Origin origin = Wire.find(EnumSet.allOf(Origin.class), source, false);
        if (source != null && origin == null) {
            throw ApiException.invalid("source", "must be 'object' or 'external_client'");
        }
        boolean desc = order == null || DataQuery.order(order);
        DataQuery q = new DataQuery(null, null, n, desc, List.of(), origin);
        return resultSet(d, r, run(d, r, q));
    }

    /**
     * A property's latest point as a method's {@code getProperty} answers it: {@code {meta, time,
     * value}}, time and value null before the first write.
     */
    public ObjectNode latest(Device d, ProfileCatalog.Resolved r) {
        ObjectNode out = JSON.objectNode();
        out.set("meta", io.thingstead.core.JsonInput.MAPPER.valueToTree(r.view()));
        DataPoint p = latest.get(d.id(), r.property().id());
        out.put("time", p == null ? null : Times.format(Instant.ofEpochMilli(p.time())));
        out.set("value", p == null ? JSON.nullNode() : p.value());
        return out;
    }

    /** {@code POST .../properties/{prop}/query}. */
    public ObjectNode query(Device d, ProfileCatalog.Resolved r, JsonNode body) {
        DataQuery q = DataQuery.parse(body, clock.instant());
        return resultSet(d, r, run(d, r, q));
    }

    private QueryRunner.Result run(Device d, ProfileCatalog.Resolved r, DataQuery q) {
        if (!r.property().retention().keepsHistory()) {
            return runner.runOnLatest(latest.get(d.id(), r.property().id()), q);
        }
        return runner.run(d.id(), r.property().id(), q);
    }

    private static ObjectNode resultSet(Device d, ProfileCatalog.Resolved r, QueryRunner.Result res) {
        ObjectNode out = JSON.objectNode().put("sampleSize", res.sampleSize());
        ObjectNode result = out.putArray("results").addObject();
        result.putObject("ref")
                .put("id", r.property().id())
                .put("qname", r.qualifiedName())
                .put("objectId", d.id());
        ArrayNode values = result.putArray("values");
        for (QueryRunner.Sample s : res.values()) {
            values.addObject()
                    .put("t", Times.format(Instant.ofEpochMilli(s.t())))
                    .set("v", s.v());
        }
        boolean numeric = r.property().type() == PropertyType.NUMBER || res.raw() == null;
        result.putArray("groupBy").addObject().putObject("GroupByType").put("type", numeric ? "number" : "text");
        ObjectNode attributes = result.putObject("attributes");
        Set<String> protocols = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        if (res.raw() != null) {
            for (DataPoint p : res.raw()) {
                if (p.meta() != null) {
                    if (p.meta().has("protocol")) {
                        protocols.add(p.meta().get("protocol").asText());
                    }
                    if (p.meta().has("source")) {
                        sources.add(p.meta().get("source").asText());
                    }
                } else {
                    protocols.add("internal");
                }
            }
        }
        protocols.forEach(attributes.putArray("protocol")::add);
        sources.forEach(attributes.putArray("source")::add);
        return out;
    }

    /** {@code GET /devices/{ref}/logs}, newest first. */
    public Page<LogEntry> logs(Device d, Page.Request req) {
        long total = series.countLogs(d.id());
        long offset = (long) req.skip() + (long) (req.pageNo() - 1) * req.pageSize();
        List<LogEntry> items = offset >= total ? List.of() : series.logs(d.id(), offset, req.pageSize());
        long remaining = Math.max(0, total - req.skip());
        long pages = remaining == 0 ? 0 : (remaining + req.pageSize() - 1) / req.pageSize();
        return new Page<>(total, items.size(), pages, req.pageNo(), req.skip(), items);
    }
}
