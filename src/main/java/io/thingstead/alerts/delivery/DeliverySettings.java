package io.thingstead.alerts.delivery;

import java.time.Duration;

/**
 * How notifications are delivered (README: Configuration).
 *
 * @param timeout how long one webhook request, or one SMTP exchange, may take
 * @param webhookAttempts attempts of a webhook that fails to connect, times out or answers 5xx
 * @param webhookBackoff the wait before the second attempt; each later wait doubles
 * @param queue notifications waiting to be delivered, all destinations together; beyond it a
 *     notification is not sent and says so in its device log
 * @param perDestination notifications delivered at once to one destination (a webhook host, the
 *     SMTP server, the SMS provider, one device's methods), so one that hangs holds only its own
 * @param smtp the SMTP server of {@code email} notifications, or null for none
 */
public record DeliverySettings(
        Duration timeout, int webhookAttempts, Duration webhookBackoff, int queue, int perDestination, Smtp smtp) {

    public static final DeliverySettings DEFAULT =
            new DeliverySettings(Duration.ofSeconds(10), 3, Duration.ofSeconds(1), 10_000, 4, null);

    public DeliverySettings {
        if (timeout.isNegative() || timeout.isZero() || webhookBackoff.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive and backoff not negative");
        }
        if (webhookAttempts < 1 || queue < 1 || perDestination < 1) {
            throw new IllegalArgumentException("attempts, queue and perDestination must be at least 1");
        }
    }

    /** How an SMTP connection is protected. */
    public enum Tls {
        /** Plain SMTP, e.g. to a relay on the same host. */
        NONE,
        /** Plain connection upgraded with STARTTLS, which the server must offer. */
        STARTTLS,
        /** TLS from the first byte (SMTPS). */
        TLS;

        /** The usual port of each: 25, 587, 465. */
        public int defaultPort() {
            return switch (this) {
                case NONE -> 25;
                case STARTTLS -> 587;
                case TLS -> 465;
            };
        }
    }

    /** An SMTP server; {@code user} null for none (then no password either). */
    public record Smtp(String host, int port, Tls tls, String user, String password, String from) {
        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", " + tls + ", user " + user + ", from " + from + "]";
        }
    }

    public DeliverySettings withSmtp(Smtp server) {
        return new DeliverySettings(timeout, webhookAttempts, webhookBackoff, queue, perDestination, server);
    }

    /** These settings with another timeout and retry schedule of webhooks. */
    public DeliverySettings withWebhooks(Duration requestTimeout, int attempts, Duration backoff) {
        return new DeliverySettings(requestTimeout, attempts, backoff, queue, perDestination, smtp);
    }

    /** These settings with other queue and per-destination bounds. */
    public DeliverySettings withBounds(int waiting, int atOnce) {
        return new DeliverySettings(timeout, webhookAttempts, webhookBackoff, waiting, atOnce, smtp);
    }
}
