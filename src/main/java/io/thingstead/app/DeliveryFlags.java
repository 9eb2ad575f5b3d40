package io.thingstead.app;

import io.thingstead.core.Times;
import io.thingstead.mqtt.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The flags of the MQTT delivery contract (README: MQTT and Configuration): throttle, offline queue, CONNECT timeout. */
final class DeliveryFlags {
    private DeliveryFlags() {}

    static final List<Config.Flag> FLAGS = List.of(
            new Config.Flag(
                    "--mqtt-rate",
                    "THINGSTEAD_MQTT_RATE",
                    "1000",
                    "Messages a second one device may publish (bursts of twice as many); beyond it PUBACKs are"
                            + " held back and QoS 0 messages dropped"),
            new Config.Flag(
                    "--mqtt-max-backlog",
                    "THINGSTEAD_MQTT_MAX_BACKLOG",
                    "10s",
                    "How long a publish may wait for its device's rate (at most 20s); beyond it the device is over"
                            + " quota: MQTT 5 gets PUBACK 0x97, an MQTT 3.1.1 connection is closed"),
            new Config.Flag(
                    "--mqtt-queue-messages",
                    "THINGSTEAD_MQTT_QUEUE_MESSAGES",
                    "100",
                    "Pushes queued per device for an offline persistent session (0: none are queued)"),
            new Config.Flag(
                    "--mqtt-queue-bytes",
                    "THINGSTEAD_MQTT_QUEUE_BYTES",
                    "65536",
                    "Bytes of pushes (payload and topic) queued per device for an offline persistent session"),
            new Config.Flag("--mqtt-queue-age", "THINGSTEAD_MQTT_QUEUE_AGE", "1d", "How long a queued push is kept"),
            new Config.Flag(
                    "--mqtt-connect-timeout",
                    "THINGSTEAD_MQTT_CONNECT_TIMEOUT",
                    "5s",
                    "How long a new MQTT connection may take to send its CONNECT (TLS handshake included)"));

    static Delivery parse(Map<String, String> v) {
        Delivery d = Delivery.DEFAULT;
        return new Delivery(
                (int) number(v, "--mqtt-rate", d.rate(), 1, 1_000_000),
                duration(v, "--mqtt-max-backlog", d.maxBacklog(), Duration.ofMillis(1), Delivery.MAX_BACKLOG_LIMIT),
                (int) number(v, "--mqtt-queue-messages", d.queueMessages(), 0, 1_000_000),
                number(v, "--mqtt-queue-bytes", d.queueBytes(), 0, 1L << 30),
                duration(v, "--mqtt-queue-age", d.queueAge(), Duration.ofMillis(1), Duration.ofDays(3650)),
                duration(v, "--mqtt-connect-timeout", d.connectTimeout(), Duration.ofMillis(1), Duration.ofHours(1)));
    }

    static long number(Map<String, String> v, String flag, long fallback, long min, long max) {
        String value = v.get(flag);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Config.Invalid(
                    flag + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        }
    }

    static Duration duration(Map<String, String> v, String flag, Duration fallback, Duration min, Duration max) {
        String value = v.get(flag);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Duration d;
        try {
            d = Times.duration(flag, value);
        } catch (IllegalArgumentException e) {
            throw new Config.Invalid(e.getMessage());
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new Config.Invalid(flag + " must be from " + Times.describe(min) + " to " + Times.describe(max)
                    + ", got '" + value + "'");
        }
        return d;
    }
}
