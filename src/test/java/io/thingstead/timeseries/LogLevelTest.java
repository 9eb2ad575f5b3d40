package io.thingstead.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.testing.WireAssert;
import org.junit.jupiter.api.Test;

class LogLevelTest {
    @Test
    void logLevel_isSpelledInLowerCase_andAStoredSpellingIsReadExactly() {
        WireAssert.assertSpelledAs(LogLevel.class, "debug", "info", "warning", "error");

        assertThat(LogLevel.of("warning")).isEqualTo(LogLevel.WARNING);
        assertThatThrownBy(() -> LogLevel.of("Warning")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogLevel.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
