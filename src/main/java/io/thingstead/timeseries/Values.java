package io.thingstead.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.PropertyType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Checks one value against its property: the type, the type's size cap, and the boundaries of
 * whatever shape (range, size, set, geofence). Returns why a value is refused, or null.
 */
public final class Values {
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private Values() {}

    public static String check(Property p, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "has no value";
        }
        PropertyType type = p.type();
        JsonNode b = p.boundaries();
        return switch (type) {
            case NUMBER -> number(v, b);
            case BOOLEAN -> v.isBoolean() ? null : "must be true or false";
            case STRING, FILE ->
                v.isTextual()
                        ? size(type, v.textValue().getBytes(StandardCharsets.UTF_8).length, b)
                        : "must be a string";
            case BLOB ->
                v.isTextual() && base64(v.textValue())
                        ? size(type, v.textValue().getBytes(StandardCharsets.UTF_8).length, b)
                        : "must be base64 text";
            case OBJECT ->
                v.isContainerNode()
                        ? size(type, v.toString().getBytes(StandardCharsets.UTF_8).length, b)
                        : "must be a JSON object or array";
            case ENUM -> enumValue(v, b);
            case WAYPOINT -> waypoint(v, b);
        };
    }

    /** Standard or URL-safe base64, padded or not (docs/connio.md: Properties: a blob is base64). */
    private static boolean base64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException notStandard) {
            try {
                Base64.getUrlDecoder().decode(text);
                return true;
            } catch (IllegalArgumentException notUrlSafe) {
                return false;
            }
        }
    }

    private static String number(JsonNode v, JsonNode b) {
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            return "must be a number";
        }
        double d = v.doubleValue();
        if (b != null && b.has("min") && d < b.get("min").doubleValue()) {
            return "is below the minimum " + b.get("min").asText();
        }
        if (b != null && b.has("max") && d > b.get("max").doubleValue()) {
            return "is above the maximum " + b.get("max").asText();
        }
        return null;
    }

    private static String size(PropertyType type, long bytes, JsonNode b) {
        long max = b != null && b.has("size") ? b.get("size").longValue() : type.maxSize();
        return bytes > max ? "is " + bytes + " bytes, more than " + max : null;
    }

    private static String enumValue(JsonNode v, JsonNode b) {
        if (!(v.isTextual() || v.isNumber())) {
            return "must be a text or a number";
        }
        if (v.asText().length() > 64) {
            return "must be at most 64 characters";
        }
        if (b != null && b.has("set")) {
            for (JsonNode allowed : b.get("set")) {
                if (allowed.asText().equals(v.asText())) {
                    return null;
                }
            }
            return "'" + v.asText() + "' is not one of " + b.get("set");
        }
        return null;
    }

    private static String waypoint(JsonNode v, JsonNode b) {
        JsonNode geo = v.get("geo");
        if (!v.isObject()
                || geo == null
                || !geo.path("lat").isNumber()
                || !geo.path("lon").isNumber()) {
            return "must be {\"geo\": {\"lat\": n, \"lon\": n}}";
        }
        double lat = geo.get("lat").doubleValue();
        double lon = geo.get("lon").doubleValue();
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            return "has a latitude or longitude out of range";
        }
        if (b != null && b.has("radius")) {
            double km = distanceKm(
                    lat, lon, b.get("lat").doubleValue(), b.get("lon").doubleValue());
            boolean inside = km <= b.get("radius").doubleValue();
            boolean wanted = !b.has("inside") || b.get("inside").booleanValue();
            if (inside != wanted) {
                return "is " + (inside ? "inside" : "outside") + " the geofence";
            }
        }
        return null;
    }

    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
