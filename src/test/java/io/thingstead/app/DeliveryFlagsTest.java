package io.thingstead.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.mqtt.Delivery;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryFlagsTest {
    @Test
    void defaults_areTheReadmes() {
        Delivery d = Config.parse(new String[0], Map.of()).mqttDelivery();
        assertThat(d)
                .isEqualTo(new Delivery(
                        1000, Duration.ofSeconds(10), 100, 65_536, Duration.ofDays(1), Duration.ofSeconds(5)));
    }

    @Test
    void flagsAndVariables_setEveryValue() {
        Delivery d = Config.parse(
                        new String[] {
                            "--mqtt-rate",
                            "50",
                            "--mqtt-max-backlog",
                            "500ms",
                            "--mqtt-queue-messages",
                            "0",
                            "--mqtt-connect-timeout",
                            "2s"
                        },
                        Map.of("THINGSTEAD_MQTT_QUEUE_BYTES", "1024", "THINGSTEAD_MQTT_QUEUE_AGE", "12h"))
                .mqttDelivery();
        assertThat(d)
                .isEqualTo(
                        new Delivery(50, Duration.ofMillis(500), 0, 1024, Duration.ofHours(12), Duration.ofSeconds(2)));
    }

    @Test
    void valuesOutOfRange_areRefusedInOneLine() {
        assertThatThrownBy(() -> Config.parse(new String[] {"--mqtt-rate", "0"}, Map.of()))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("--mqtt-rate must be a whole number from 1 to 1000000, got '0'");
        assertThatThrownBy(() -> Config.parse(new String[] {"--mqtt-max-backlog", "30s"}, Map.of()))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("--mqtt-max-backlog must be from 1 ms to 20 seconds, got '30s'");
        assertThatThrownBy(() -> Config.parse(new String[] {"--mqtt-queue-age", "soon"}, Map.of()))
                .isInstanceOf(Config.Invalid.class)
                .hasMessageStartingWith("--mqtt-queue-age must be a duration");
    }
}
