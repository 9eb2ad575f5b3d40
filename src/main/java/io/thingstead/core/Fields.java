package io.thingstead.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Typed, field-naming access to a JSON object from a request body. Every wrong type is a
 * {@code ValidationFailed} that names the field by its path ({@code location.geo.lat}). Every
 * object is opened with the {@link FieldSet} of the names it may hold, and a name outside it is
 * refused at once: one rule for every body, nested objects included.
 */
public final class Fields {
    private final ObjectNode node;
    private final String path;

    private Fields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object {@code node}, whose names must all be in {@code known}. */
    public static Fields of(JsonNode node, String path, FieldSet known) {
        if (node == null || !node.isObject()) {
            throw ApiException.invalid(path.isEmpty() ? "body" : path, "must be a JSON object");
        }
        known.check(node::fieldNames, path, "field");
        return new Fields((ObjectNode) node, path);
    }

    public String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public ObjectNode node() {
        return node;
    }

    public Iterator<Map.Entry<String, JsonNode>> entries() {
        return node.properties().iterator();
    }

    /**
     * Which of several accepted spellings of one field the body uses ({@code profile} or {@code
     * profileId}): the first when it uses none; two at once are refused unless they are equal.
     */
    public String spelling(String... names) {
        String used = null;
        for (String n : names) {
            if (node.has(n)) {
                if (used != null && !node.get(n).equals(node.get(used))) {
                    throw ApiException.invalid(name(n), "is the same field as '" + used + "'; send one of them");
                }
                used = used == null ? n : used;
            }
        }
        return used == null ? names[0] : used;
    }

    /** Present in the body, possibly as {@code null}. */
    public boolean has(String field) {
        return node.has(field);
    }

    /** Present with a non-null value. */
    public boolean present(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public JsonNode raw(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    public String string(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(name(field), "must be a string");
        }
        return v.textValue();
    }

    public String requiredString(String field) {
        String s = string(field);
        if (s == null) {
            throw ApiException.invalid(name(field), "is required");
        }
        return s;
    }

    /** A bounded free-text field. */
    public String text(String field, int maxLength) {
        String s = string(field);
        if (s != null && s.length() > maxLength) {
            throw ApiException.invalid(name(field), "must be at most " + maxLength + " characters");
        }
        return s;
    }

    public Long integer(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.invalid(name(field), "must be an integer");
        }
        return v.longValue();
    }

    public Double number(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw ApiException.invalid(name(field), "must be a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw ApiException.invalid(name(field), "must be a finite number");
        }
        return d;
    }

    public Boolean bool(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw ApiException.invalid(name(field), "must be true or false");
        }
        return v.booleanValue();
    }

    public List<String> strings(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiException.invalid(name(field), "must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw ApiException.invalid(name(field) + "[" + i + "]", "must be a string");
            }
            out.add(item.textValue());
        }
        return List.copyOf(out);
    }

    /** Tags: strings of at most 64 characters, at most 100 of them. */
    public List<String> tags(String field) {
        List<String> tags = strings(field);
        if (tags == null) {
            return null;
        }
        if (tags.size() > 100) {
            throw ApiException.invalid(name(field), "must hold at most 100 tags");
        }
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            if (t.isBlank() || t.length() > 64) {
                throw ApiException.invalid(name(field) + "[" + i + "]", "must be 1 to 64 characters");
            }
        }
        return tags;
    }

    /** Tags as {@link #tags}, or an empty list when absent. */
    public List<String> tagsOrEmpty(String field) {
        List<String> tags = tags(field);
        return tags == null ? List.of() : tags;
    }

    /**
     * A locked entity cannot be modified or deleted; a request that unlocks it ({@code "locked":
     * false}) is the one change it accepts.
     */
    public static void requireUnlocked(boolean locked, Fields body, String what) {
        boolean unlocking = body != null && body.has("locked") && Boolean.FALSE.equals(body.bool("locked"));
        if (locked && !unlocking) {
            throw ApiException.locked(what);
        }
    }

    /** A nested object whose names must all be in {@code known}, or null when absent or null. */
    public Fields object(String field, FieldSet known) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        return of(v, name(field), known);
    }

    /** A nested object of any names (free-form data such as user {@code prefs}), or null. */
    public ObjectNode freeObject(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw ApiException.invalid(name(field), "must be a JSON object");
        }
        return (ObjectNode) v;
    }

    /**
     * A read-only field sent back with the entity: accepted when absent, null or equal to the
     * current value, refused when it tries to change it.
     */
    public Fields unchanged(String field, Object current) {
        JsonNode v = raw(field);
        if (v == null) {
            return this;
        }
        boolean same = current instanceof Number n
                ? v.isNumber() && v.asText().equals(String.valueOf(n))
                : v.isTextual() && v.textValue().equals(current);
        if (!same) {
            throw ApiException.invalid(name(field), "is read-only: it cannot be changed");
        }
        return this;
    }

    /** The member of a closed set the field spells, in any case (null when absent); see {@link Wire}. */
    public <E extends Enum<E>> E oneOf(String field, Class<E> type) {
        String s = string(field);
        return s == null ? null : Wire.parse(name(field), EnumSet.allOf(type), s, true);
    }
}
