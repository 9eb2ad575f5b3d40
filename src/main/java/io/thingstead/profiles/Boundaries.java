package io.thingstead.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Locations;
import java.util.HashSet;
import java.util.Set;

/**
 * Property boundaries. Every shape Connio uses is accepted (docs/connio.md: Properties) on input (flat, {@code range},
 * {@code size.value}, {@code enum.set}, v2 {@code enums}, {@code geofence}); the flat one is kept
 * and emitted.
 */
final class Boundaries {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_ENUM_ITEMS = 100;

    // Each type's shapes; SDKs also carry a "context" (docs/connio.md: Properties), accepted without effect.
    private static final FieldSet RANGE = FieldSet.of("min", "max");
    private static final FieldSet NUMBER = RANGE.plus("range", "context");
    private static final FieldSet SIZE = FieldSet.of("size", "context");
    private static final FieldSet SIZE_VALUE = FieldSet.of("value");
    private static final FieldSet SET = FieldSet.of("set");
    private static final FieldSet ENUM = SET.plus("enum", "enums", "context");
    private static final FieldSet ENUMS = FieldSet.of("text", "numeric");
    private static final FieldSet FENCE = FieldSet.of("lat", "lon", "radius", "inside", "pos");
    private static final FieldSet WAYPOINT = FENCE.plus("geofence", "context");

    private Boundaries() {}

    /** The flat form of {@code raw} for a property of {@code type}, or null for none. */
    static ObjectNode normalize(PropertyType type, JsonNode raw) {
        if (raw == null || raw.isNull()) {
            return null;
        }
        if (raw.isObject() && (raw.isEmpty() || (raw.size() == 1 && raw.has("context")))) {
            return null;
        }
        return switch (type) {
            case NUMBER -> {
                Fields b = Fields.of(raw, "boundaries", NUMBER);
                Fields range = b.object("range", RANGE);
                yield range(range != null ? range : b);
            }
            case STRING, OBJECT, BLOB, FILE -> size(type, Fields.of(raw, "boundaries", SIZE));
            case ENUM -> set(Fields.of(raw, "boundaries", ENUM));
            case WAYPOINT -> geofence(Fields.of(raw, "boundaries", WAYPOINT));
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
            size = Fields.of(s, field, SIZE_VALUE).integer("value");
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
        Fields inEnum = b.object("enum", SET);
        if (items == null && inEnum != null) {
            items = inEnum.raw("set");
            field = "boundaries.enum.set";
        }
        Fields e = b.object("enums", ENUMS);
        if (items == null && e != null) {
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
        Fields fence = b.object("geofence", FENCE);
        Fields g = fence != null ? fence : b;
        double lat = Locations.latitude(g);
        double lon = Locations.longitude(g);
        Double radius = g.number("radius");
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
