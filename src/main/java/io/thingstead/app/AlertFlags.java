package io.thingstead.app;

import io.thingstead.alerts.delivery.DeliverySettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flags of alert notification delivery (README: Configuration): the SMTP server of e-mail
 * notifications (its password only from {@code THINGSTEAD_SMTP_PASSWORD}, so it never shows in a
 * process list), the timeout and attempts of webhooks, and the bounds of the delivery queue.
 */
final class AlertFlags {
    private AlertFlags() {}

    static final String PASSWORD = "THINGSTEAD_SMTP_PASSWORD";
    private static final String HOST = "--smtp-host";

    static final List<Config.Flag> FLAGS = List.of(
            new Config.Flag(
                    HOST,
                    "THINGSTEAD_SMTP_HOST",
                    "off",
                    "SMTP server of alert e-mail notifications; without one each is logged as not sent"),
            new Config.Flag(
                    "--smtp-port",
                    "THINGSTEAD_SMTP_PORT",
                    "25, 587 or 465",
                    "SMTP port; the default follows --smtp-tls"),
            new Config.Flag(
                    "--smtp-tls",
                    "THINGSTEAD_SMTP_TLS",
                    "starttls",
                    "none, starttls (required, the server must offer it) or tls (SMTPS)"),
            new Config.Flag(
                    "--smtp-user", "THINGSTEAD_SMTP_USER", "none", "SMTP user name; its password goes in " + PASSWORD),
            new Config.Flag(
                    "--smtp-from", "THINGSTEAD_SMTP_FROM", "thingstead@localhost", "Sender address of alert e-mails"),
            new Config.Flag(
                    "--notify-timeout",
                    "THINGSTEAD_NOTIFY_TIMEOUT",
                    "10s",
                    "How long one webhook request or SMTP exchange of an alert notification may take"),
            new Config.Flag(
                    "--webhook-attempts",
                    "THINGSTEAD_WEBHOOK_ATTEMPTS",
                    "3",
                    "Attempts (1-10) of a webhook that cannot connect, times out or answers 5xx; waits of 1s, 2s,"
                            + " 4s, ... between"),
            new Config.Flag(
                    "--notify-queue",
                    "THINGSTEAD_NOTIFY_QUEUE",
                    "10000",
                    "Alert notifications waiting to be delivered, all destinations together; beyond it each is"
                            + " logged as not sent"),
            new Config.Flag(
                    "--notify-per-destination",
                    "THINGSTEAD_NOTIFY_PER_DESTINATION",
                    "4",
                    "Notifications delivered at once to one webhook host (the SMTP server, the SMS provider, one"
                            + " device's methods)"));

    static DeliverySettings parse(Map<String, String> v, Map<String, String> env) {
        DeliverySettings d = DeliverySettings.DEFAULT;
        Duration timeout = DeliveryFlags.duration(
                v, "--notify-timeout", d.timeout(), Duration.ofMillis(1), Duration.ofMinutes(10));
        int attempts = (int) DeliveryFlags.number(v, "--webhook-attempts", d.webhookAttempts(), 1, 10);
        int queue = (int) DeliveryFlags.number(v, "--notify-queue", d.queue(), 1, 1_000_000);
        int perDestination = (int) DeliveryFlags.number(v, "--notify-per-destination", d.perDestination(), 1, 256);
        return d.withWebhooks(timeout, attempts, d.webhookBackoff())
                .withBounds(queue, perDestination)
                .withSmtp(smtp(v, env));
    }

    private static DeliverySettings.Smtp smtp(Map<String, String> v, Map<String, String> env) {
        String host = v.get(HOST);
        if (host == null || host.isBlank() || host.trim().equalsIgnoreCase("off")) {
            for (String flag : List.of("--smtp-port", "--smtp-tls", "--smtp-user", "--smtp-from")) {
                if (v.containsKey(flag)) {
                    throw new Config.Invalid(flag + " needs " + HOST);
                }
            }
            return null;
        }
        DeliverySettings.Tls tls = tls(v.get("--smtp-tls"));
        int port = (int) DeliveryFlags.number(v, "--smtp-port", tls.defaultPort(), 1, 65535);
        String user = v.get("--smtp-user");
        String password = env.get(PASSWORD);
        if (user != null && (password == null || password.isEmpty())) {
            throw new Config.Invalid(PASSWORD + " must hold the password of --smtp-user " + user);
        }
        String from = v.getOrDefault("--smtp-from", "thingstead@localhost").trim();
        if (!from.matches("[^@\\s,]+@[^@\\s,]+")) {
            throw new Config.Invalid("--smtp-from must be an e-mail address, got '" + from + "'");
        }
        return new DeliverySettings.Smtp(host.trim(), port, tls, user, user == null ? null : password, from);
    }

    private static DeliverySettings.Tls tls(String value) {
        if (value == null || value.isBlank()) {
            return DeliverySettings.Tls.STARTTLS;
        }
        try {
            return DeliverySettings.Tls.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Config.Invalid("--smtp-tls must be none, starttls or tls, got '" + value + "'");
        }
    }
}
