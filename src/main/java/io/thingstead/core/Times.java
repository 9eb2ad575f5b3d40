package io.thingstead.core;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time in the API: ISO-8601 UTC with milliseconds on output; on input any ISO-8601 date-time with
 * a zone offset ({@code Z}, {@code +02:00}, {@code +0200}, {@code +02}), {@code T} and {@code Z}
 * in either case, fractions of a second beyond the millisecond truncated, years 0001 to 9999.
 */
public final class Times {
    /** The first and last instants accepted: four-digit years, so that every time prints the same way. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
    private static final DateTimeFormatter OUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .toFormatter()
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter IN_COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private Times() {}

    public static String format(Instant instant) {
        return OUT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Parses an ISO-8601 instant that carries a zone, truncated to the millisecond. */
    public static Instant parse(String field, String text) {
        if (text == null) {
            throw ApiException.invalid(field, "must be an ISO-8601 time with a zone");
        }
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException first) {
            try {
                parsed = OffsetDateTime.parse(text, IN_COMPACT_OFFSET).toInstant();
            } catch (DateTimeParseException second) {
                throw ApiException.invalid(field, "must be an ISO-8601 time with a zone, got '" + shown(text) + "'");
            }
        }
        if (parsed.isBefore(MIN) || parsed.isAfter(MAX)) {
            throw ApiException.invalid(field, "must lie in the years 0001 to 9999, got '" + shown(text) + "'");
        }
        return parsed.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A configured duration: {@code <n>ms}, {@code <n>s}, {@code <n>m}, {@code <n>h}, {@code <n>d}, or
     * ISO-8601 ({@code PT1H}, {@code P1D}); never negative.
     */
    public static Duration duration(String what, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(t);
        try {
            Duration d = m.matches()
                    ? Duration.of(Long.parseLong(m.group(1)), unit(m.group(2)))
                    : Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            d.toMillis();
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    what + " must be a duration such as 1d, 12h, 30m, 45s, 500ms or PT1H, got '" + shown(text) + "'");
        }
    }

    /** A duration for people: {@code 1 day}, {@code 90 minutes}, {@code 1500 ms}. */
    public static String describe(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"day", "hour", "minute", "second"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms != 0 && ms % sizes[i] == 0) {
                long n = ms / sizes[i];
                return n + " " + names[i] + (n == 1 ? "" : "s");
            }
        }
        return ms + " ms";
    }

    private static ChronoUnit unit(String suffix) {
        return switch (suffix) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
    }

    /** The input as echoed in a message: at most 64 characters of it. */
    private static String shown(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
