package io.thingstead.core;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durations of alerts and methods as Connio writes them: a whole number and a unit, with or without a
 * space ({@code 30s}, {@code 16min}, {@code 2d}, {@code 1 minute}, {@code 500ms}); units {@code
 * ms}, {@code s}, {@code min} (or {@code m}), {@code h}, {@code d}, {@code w} and their words.
 */
public final class Spans {
    /** The longest span an alert takes: ten years. */
    public static final Duration MAX = Duration.ofDays(3650);

    private static final Pattern SPAN = Pattern.compile("(\\d{1,12})\\s*([a-z]+)");

    private Spans() {}

    /** The span {@code text} spells, or {@code ValidationFailed} naming the field. */
    public static Duration parse(String field, String text) {
        Matcher m = SPAN.matcher(text.trim().toLowerCase(Locale.ROOT));
        ChronoUnit unit = m.matches() ? unit(m.group(2)) : null;
        if (unit == null) {
            throw ApiException.invalid(
                    field,
                    "must be a duration such as 30s, 16min, 1h, 2d or '1 minute' (units ms, s, min, h, d, w), got '"
                            + shown(text) + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = unit == ChronoUnit.WEEKS ? Duration.ofDays(7 * n) : Duration.of(n, unit);
        if (d.compareTo(MAX) > 0) {
            throw ApiException.invalid(field, "must be at most 3650 days, got '" + shown(text) + "'");
        }
        return d;
    }

    /** A span that must be longer than zero. */
    public static Duration positive(String field, String text) {
        Duration d = parse(field, text);
        if (d.isZero()) {
            throw ApiException.invalid(field, "must be longer than zero, got '" + shown(text) + "'");
        }
        return d;
    }

    private static ChronoUnit unit(String u) {
        return switch (u) {
            case "ms", "msec", "msecs", "millisecond", "milliseconds" -> ChronoUnit.MILLIS;
            case "s", "sec", "secs", "second", "seconds" -> ChronoUnit.SECONDS;
            case "m", "min", "mins", "minute", "minutes" -> ChronoUnit.MINUTES;
            case "h", "hr", "hrs", "hour", "hours" -> ChronoUnit.HOURS;
            case "d", "day", "days" -> ChronoUnit.DAYS;
            case "w", "week", "weeks" -> ChronoUnit.WEEKS;
            default -> null;
        };
    }

    public static String shown(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
