package io.thingstead.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Time in the API: ISO-8601 UTC with milliseconds on output; any ISO-8601 with a zone on input. */
public final class Times {
    private static final DateTimeFormatter OUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .toFormatter()
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter IN_COMPACT_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSS]xx");

    private Times() {}

    public static String format(Instant instant) {
        return OUT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Parses an ISO-8601 instant that carries a zone ({@code Z}, {@code +02:00} or {@code -0800}) and
     * fits in epoch milliseconds.
     */
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
                throw ApiException.invalid(field, "must be an ISO-8601 time with a zone, got '" + text + "'");
            }
        }
        try {
            parsed.toEpochMilli();
        } catch (ArithmeticException outOfRange) {
            throw ApiException.invalid(field, "is out of the range of millisecond times, got '" + text + "'");
        }
        return parsed;
    }
}
