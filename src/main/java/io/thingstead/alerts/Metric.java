package io.thingstead.alerts;

import io.thingstead.core.ApiException;
import io.thingstead.core.Spans;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an alert compares, read from its {@code metric} text: the value just written, an
 * aggregate of the trigger's stored history over a window ending at that value's time, or whether
 * a waypoint lies within a circle (docs/alerts.md: Metric).
 */
public sealed interface Metric {
    /** The value written. */
    record Value() implements Metric {}

    /** {@code fn} over the points of the last {@code window}, the new one included. */
    record Aggregate(Function fn, Duration window) implements Metric {}

    /** {@code true} when the waypoint lies within {@code km} of the centre, else {@code false}. */
    record GeoFence(double lat, double lon, double km) implements Metric {}

    /** The aggregators over history; {@code count} counts points of any type, the others need numbers. */
    enum Function {
        AVG,
        MAX,
        MIN,
        SUM,
        COUNT
    }

    Pattern AGGREGATE = Pattern.compile("(avg|max|min|sum|count)\\s*\\(\\s*([^()]*?)\\s*\\)");
    String NUMBER = "\\s*([-+]?(?:\\d{1,6}(?:\\.\\d{1,12})?|\\.\\d{1,12}))\\s*";
    Pattern GEOFENCE = Pattern.compile("geofence\\s*\\(" + NUMBER + "," + NUMBER + "," + NUMBER + "\\)");

    /** The metric {@code text} spells ({@code value} when null), or {@code ValidationFailed} naming the field. */
    static Metric parse(String field, String text) {
        if (text == null) {
            return new Value();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("value")) {
            return new Value();
        }
        Matcher a = AGGREGATE.matcher(t);
        if (a.matches()) {
            Function fn = Function.valueOf(a.group(1).toUpperCase(Locale.ROOT));
            return new Aggregate(fn, Spans.positive(field, a.group(2)));
        }
        Matcher g = GEOFENCE.matcher(t);
        if (g.matches()) {
            return geoFence(
                    field,
                    Double.parseDouble(g.group(1)),
                    Double.parseDouble(g.group(2)),
                    Double.parseDouble(g.group(3)));
        }
        throw ApiException.invalid(
                field,
                "must be 'value', avg|max|min|sum|count(<window>) such as 'avg(15min)', or"
                        + " geoFence(<lat>,<lon>,<km>), got '" + Spans.shown(text) + "'");
    }

    private static Metric geoFence(String field, double lat, double lon, double km) {
        if (lat < -90 || lat > 90) {
            throw ApiException.invalid(field, "geoFence latitude must be from -90 to 90");
        }
        if (lon < -180 || lon > 180) {
            throw ApiException.invalid(field, "geoFence longitude must be from -180 to 180");
        }
        if (!(km > 0)) {
            throw ApiException.invalid(field, "geoFence radius must be more than 0 km");
        }
        return new GeoFence(lat, lon, km);
    }
}
