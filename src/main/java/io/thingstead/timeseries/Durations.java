package io.thingstead.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import java.util.Locale;

/** KairosDB time units ({@code {"value": 10, "unit": "minutes"}}) in milliseconds. */
final class Durations {
    private static final FieldSet RELATIVE = FieldSet.of("value", "unit");

    private Durations() {}

    static long unitMs(String field, String unit) {
        if (unit == null) {
            throw ApiException.invalid(field, "needs a unit");
        }
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "milliseconds", "millisecond", "ms" -> 1L;
            case "seconds", "second", "s" -> 1_000L;
            case "minutes", "minute", "m" -> 60_000L;
            case "hours", "hour", "h" -> 3_600_000L;
            case "days", "day", "d" -> 86_400_000L;
            case "weeks", "week", "w" -> 7 * 86_400_000L;
            case "months", "month" -> 30 * 86_400_000L;
            case "years", "year", "y" -> 365 * 86_400_000L;
            default ->
                throw ApiException.invalid(
                        field, "unit must be one of milliseconds, seconds, minutes, hours, days, weeks, months, years");
        };
    }

    /** {@code {"value": n, "unit": u}} in milliseconds; n may be a number or a numeric string. */
    static long of(String field, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.invalid(field, "must be {\"value\": n, \"unit\": \"...\"}");
        }
        RELATIVE.check(node::fieldNames, field, "field");
        JsonNode v = node.get("value");
        long n;
        if (v != null && v.isIntegralNumber()) {
            n = v.longValue();
        } else if (v != null && v.isTextual() && v.textValue().matches("\\d{1,12}")) {
            n = Long.parseLong(v.textValue());
        } else {
            throw ApiException.invalid(field + ".value", "must be a whole number");
        }
        if (n <= 0) {
            throw ApiException.invalid(field + ".value", "must be positive");
        }
        return Math.multiplyExact(n, unitMs(field + ".unit", node.path("unit").asText(null)));
    }
}
