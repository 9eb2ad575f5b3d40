package io.thingstead.mqtt;

import java.time.Duration;

/**
 * How the MQTT endpoint paces and queues (README: MQTT and Configuration).
 *
 * @param rate messages a second one device may publish, in bursts of twice as many; beyond it
 *     PUBACKs are held back and QoS 0 messages dropped
 * @param maxBacklog how long a device's publish may wait for its turn; beyond it the device is over
 *     its quota (MQTT 5: PUBACK 0x97; MQTT 3.1.1: the connection is closed)
 * @param queueMessages how many pushes are queued per device for an offline persistent session (0:
 *     none)
 * @param queueBytes how many bytes of pushes (payload and topic) such a queue holds
 * @param queueAge how long a queued push is kept
 * @param connectTimeout how long a new connection may take to send its CONNECT
 */
public record Delivery(
        int rate, Duration maxBacklog, int queueMessages, long queueBytes, Duration queueAge, Duration connectTimeout) {
    public static final Delivery DEFAULT =
            new Delivery(1000, Duration.ofSeconds(10), 100, 64 * 1024, Duration.ofDays(1), Duration.ofSeconds(5));

    /** The longest {@code maxBacklog}: HiveMQ waits at most {@link Inbound#ANSWER_TIMEOUT} for an answer. */
    public static final Duration MAX_BACKLOG_LIMIT = Duration.ofSeconds(20);

    public Delivery withRate(int rate, Duration maxBacklog) {
        return new Delivery(rate, maxBacklog, queueMessages, queueBytes, queueAge, connectTimeout);
    }

    public Delivery withQueue(int messages, long bytes, Duration age) {
        return new Delivery(rate, maxBacklog, messages, bytes, age, connectTimeout);
    }

    public Delivery withConnectTimeout(Duration timeout) {
        return new Delivery(rate, maxBacklog, queueMessages, queueBytes, queueAge, timeout);
    }

    Outbox.Bounds bounds() {
        return new Outbox.Bounds(queueMessages, queueBytes, queueAge);
    }
}
