package io.thingstead.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Times on input: the forms of a zone, the range of years, the millisecond; durations of the configuration. */
class TimesTest {
    @ParameterizedTest
    @CsvSource({
        "2021-06-01T08:00:00Z, 2021-06-01T08:00:00Z",
        "2021-06-01t08:00:00z, 2021-06-01T08:00:00Z",
        "2021-06-01T16:00:00+08:00, 2021-06-01T08:00:00Z",
        "2021-06-01T16:00:00+0800, 2021-06-01T08:00:00Z",
        "2021-06-01T16:00:00+08, 2021-06-01T08:00:00Z",
        "2021-06-01T00:00:00-08:00, 2021-06-01T08:00:00Z",
        "2021-06-01T08:00:00-00:00, 2021-06-01T08:00:00Z",
        "2021-06-01T22:00:00+14:00, 2021-06-01T08:00:00Z",
        "2021-06-01T13:45:00+05:45, 2021-06-01T08:00:00Z",
        "2021-06-01T08:00Z, 2021-06-01T08:00:00Z",
        "2021-06-01T08:00:00.123456789Z, 2021-06-01T08:00:00.123Z",
        "2021-06-01T16:00:00.9999+0800, 2021-06-01T08:00:00.999Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
        "1969-12-31T23:59:59.9999Z, 1969-12-31T23:59:59.999Z",
        "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z"
    })
    void acceptedForms_meanTheSameInstant_truncatedToTheMillisecond(String text, String instant) {
        assertThat(Times.parse("t", text)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2021-06-01T08:00:00",
                "2021-06-01 08:00:00Z",
                "2021-06-01",
                "2021-06-01T23:59:60Z",
                "2021-06-01T24:00:00Z",
                "2021-02-29T00:00:00Z",
                "2021-06-01T08:00:00+18:01",
                "2021-06-01T08:00:00.1234567891Z",
                "2021-06-01T08:00:00Z[Europe/Paris]",
                "1622534400000",
                "0000-12-31T00:00:00Z",
                "-0001-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z",
                ""
            })
    void otherForms_andYearsOutside0001To9999_areValidationFailed(String text) {
        assertThatThrownBy(() -> Times.parse("dps[0].t", text))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("'dps[0].t' must");
    }

    @ParameterizedTest
    @CsvSource({
        "1d, PT24H",
        "12h, PT12H",
        "30m, PT30M",
        "45s, PT45S",
        "500ms, PT0.5S",
        "0s, PT0S",
        "PT1H, PT1H",
        "p1d, PT24H"
    })
    void durations_inShortOrIsoForm(String text, String iso) {
        assertThat(Times.duration("--max-future-skew", text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1w", "-1d", "PT-1H", "day", "1.5h"})
    void badDurations_sayWhatIsExpected(String text) {
        assertThatThrownBy(() -> Times.duration("--max-future-skew", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--max-future-skew must be a duration such as 1d");
    }

    @ParameterizedTest
    @CsvSource({"PT24H, 1 day", "PT48H, 2 days", "PT90M, 90 minutes", "PT1H, 1 hour", "PT1.5S, 1500 ms", "PT0S, 0 ms"})
    void describe_saysADurationForPeople(String iso, String text) {
        assertThat(Times.describe(Duration.parse(iso))).isEqualTo(text);
    }
}
