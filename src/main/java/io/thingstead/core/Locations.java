package io.thingstead.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A location {@code {"zone": s, "geo": {"lat": n, "lon": n, "alt": n}}} of a device or a data point. */
public final class Locations {
    public static final FieldSet LOCATION = FieldSet.of("zone", "geo");
    public static final FieldSet GEO = FieldSet.of("lat", "lon", "alt");

    private Locations() {}

    /** The checked location {@code node} named {@code path} in messages. */
    public static ObjectNode check(JsonNode node, String path) {
        Fields loc = Fields.of(node, path, LOCATION);
        loc.text("zone", 256);
        Fields geo = loc.object("geo", GEO);
        if (geo != null) {
            latitude(geo);
            longitude(geo);
            geo.number("alt");
        }
        return loc.node();
    }

    /** The required {@code lat} of {@code f}, from -90 to 90. */
    public static double latitude(Fields f) {
        Double lat = f.number("lat");
        if (lat == null || lat < -90 || lat > 90) {
            throw ApiException.invalid(f.name("lat"), "must be a latitude from -90 to 90");
        }
        return lat;
    }

    /** The required {@code lon} of {@code f}, from -180 to 180. */
    public static double longitude(Fields f) {
        Double lon = f.number("lon");
        if (lon == null || lon < -180 || lon > 180) {
            throw ApiException.invalid(f.name("lon"), "must be a longitude from -180 to 180");
        }
        return lon;
    }
}
