package io.thingstead.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.Fields;
import java.util.HashSet;
import java.util.Set;

/**
 * Property boundaries. Every shape of reference §2.10 is accepted on input (flat, {@code range},
 * {@code size.value}, {@code enum.set}, v2 {@code enums}, {@code geofence}); the flat one is kept
 * and emitted.
 */
final class Boundaries {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_ENUM_ITEMS = 100;

    private Boundaries() {}

    /** The flat form of {@code raw} for a property of {@code type}, or null for none. */
    static ObjectNode normalize(PropertyType type, JsonNode raw) {
        if (raw == null || raw.isNull()) {
            return null;
        }
        Fields b = Fields.of(raw, "boundaries");
        if (b.node().isEmpty() || (b.node().size() == 1 && b.has("context"))) {
            return null;
        }
        return switch (type) {
            case NUMBER -> range(b.object("range") != null ? b.object("range") : b);
            case STRING, OBJECT, BLOB, FILE -> size(type, b);
            case ENUM -> set(b);
            case WAYPOINT -> geofence(b);
            case BOOLEAN -> throw ApiException.invalid("boundaries", "a boolean property takes no boundaries");
        };
    }

    private static ObjectNode range(Fields r) {
        Double min = r.number("min");
        Double max = r.number("max");
        if (min == null && max == null) {
            throw ApiException.invalid(r.name("min"), "a number property takes boundaries {\"min\": n, \"max\": n}");
        }
        if (min != null && max != null && min > max) {
            throw ApiException.invalid(r.name("min"), "must not be greater than max");
        }
        ObjectNode out = JSON.objectNode();
        if (min != null) {
            out.put("min", min);
        }
        if (max != null) {
            out.put("max", max);
        }
        return out;
    }

    private static ObjectNode size(PropertyType type, Fields b) {
        JsonNode s = b.raw("size");
        Long size;
        String field = "boundaries.size";
        if (s != null && s.isObject()) {
            size = Fields.of(s, field).integer("value");
            field = field + ".value";
        } else {
            size = b.integer("size");
        }
        if (size == null) {
            throw ApiException.invalid(field, "a " + type + " property takes boundaries {\"size\": bytes}");
        }
        if (size < 1 || size > type.maxSize()) {
            throw ApiException.invalid(
                    field, "must be from 1 to " + type.maxSize() + " bytes for a " + type + " property");
        }
        return JSON.objectNode().put("size", size);
    }

    private static ObjectNode set(Fields b) {
        JsonNode items = b.raw("set");
        String field = "boundaries.set";
        if (items == null && b.object("enum") != null) {
            items = b.object("enum").raw("set");
            field = "boundaries.enum.set";
        }
        if (items == null && b.object("enums") != null) {
            Fields e = b.object("enums");
            ArrayNode merged = JSON.arrayNode();
            for (String key : new String[] {"text", "numeric"}) {
                JsonNode part = e.raw(key);
                if (part != null && part.isArray()) {
                    merged.addAll((ArrayNode) part);
                } else if (part != null) {
                    throw ApiException.invalid(e.name(key), "must be an array");
                }
            }
            items = merged;
            field = "boundaries.enums";
        }
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ApiException.invalid(field, "an enum property takes boundaries {\"set\": [values]}");
        }
        if (items.size() > MAX_ENUM_ITEMS) {
            throw ApiException.invalid(field, "must hold at most " + MAX_ENUM_ITEMS + " items");
        }
        Set<String> seen = new HashSet<>();
        ArrayNode out = JSON.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!(item.isTextual() || item.isNumber())
                    || item.asText().isEmpty()
                    || item.asText().length() > 64) {
                throw ApiException.invalid(field + "[" + i + "]", "must be a text of 1 to 64 characters or a number");
            }
            if (!seen.add(item.asText())) {
                throw ApiException.invalid(field + "[" + i + "]", "repeats '" + item.asText() + "'");
            }
            out.add(item);
        }
        ObjectNode node = JSON.objectNode();
        node.set("set", out);
        return node;
    }

    private static ObjectNode geofence(Fields b) {
        Fields g = b.object("geofence") != null ? b.object("geofence") : b;
        Double lat = g.number("lat");
        Double lon = g.number("lon");
        Double radius = g.number("radius");
        if (lat == null || lat < -90 || lat > 90) {
            throw ApiException.invalid(g.name("lat"), "must be a latitude from -90 to 90");
        }
        if (lon == null || lon < -180 || lon > 180) {
            throw ApiException.invalid(g.name("lon"), "must be a longitude from -180 to 180");
        }
        if (radius == null || radius <= 0) {
            throw ApiException.invalid(g.name("radius"), "must be a positive distance in km");
        }
        boolean inside = true;
        if (g.present("inside")) {
            inside = g.bool("inside");
        } else if (g.present("pos")) {
            String pos = g.string("pos");
            if (!"in".equals(pos) && !"out".equals(pos)) {
                throw ApiException.invalid(g.name("pos"), "must be 'in' or 'out'");
            }
            inside = "in".equals(pos);
        }
        return JSON.objectNode()
                .put("lat", lat)
                .put("lon", lon)
                .put("radius", radius)
                .put("inside", inside);
    }
}
