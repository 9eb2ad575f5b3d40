package io.thingstead.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.alerts.delivery.DeliverySettings;
import io.thingstead.alerts.delivery.DeliverySettings.Smtp;
import io.thingstead.alerts.delivery.DeliverySettings.Tls;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertFlagsTest {
    private static DeliverySettings parse(Map<String, String> env, String... args) {
        return Config.parse(args, env).alertDelivery();
    }

    @Test
    void defaults_areTheReadmes_withNoSmtpServer() {
        assertThat(parse(Map.of())).isEqualTo(DeliverySettings.DEFAULT);
        assertThat(DeliverySettings.DEFAULT)
                .isEqualTo(new DeliverySettings(Duration.ofSeconds(10), 3, Duration.ofSeconds(1), 10_000, 4, null));
    }

    @Test
    void smtpFlags_andThePasswordFromItsVariable_makeTheServer() {
        DeliverySettings d = parse(
                Map.of("THINGSTEAD_SMTP_PASSWORD", "pw", "THINGSTEAD_SMTP_TLS", "tls"),
                "--smtp-host",
                "mail.example",
                "--smtp-user",
                "alerts",
                "--smtp-from",
                "iot@example.com",
                "--notify-timeout",
                "3s",
                "--webhook-attempts",
                "5",
                "--notify-queue",
                "100",
                "--notify-per-destination",
                "2");

        assertThat(d.smtp()).isEqualTo(new Smtp("mail.example", 465, Tls.TLS, "alerts", "pw", "iot@example.com"));
        assertThat(d.smtp().toString()).doesNotContain("pw");
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.webhookAttempts()).isEqualTo(5);
        assertThat(d.queue()).isEqualTo(100);
        assertThat(d.perDestination()).isEqualTo(2);
    }

    @Test
    void thePort_followsTls_unlessGiven() {
        assertThat(parse(Map.of(), "--smtp-host", "m").smtp())
                .isEqualTo(new Smtp("m", 587, Tls.STARTTLS, null, null, "thingstead@localhost"));
        assertThat(parse(Map.of(), "--smtp-host", "m", "--smtp-tls", "none")
                        .smtp()
                        .port())
                .isEqualTo(25);
        assertThat(parse(Map.of(), "--smtp-host", "m", "--smtp-tls", "none", "--smtp-port", "2525")
                        .smtp()
                        .port())
                .isEqualTo(2525);
    }

    @Test
    void badSmtpFlags_areRefusedInOneLine() {
        assertThatThrownBy(() -> parse(Map.of(), "--smtp-user", "a"))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("--smtp-user needs --smtp-host");
        assertThatThrownBy(() -> parse(Map.of(), "--smtp-host", "m", "--smtp-user", "a"))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("THINGSTEAD_SMTP_PASSWORD must hold the password of --smtp-user a");
        assertThatThrownBy(() -> parse(Map.of(), "--smtp-host", "m", "--smtp-tls", "ssl"))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("--smtp-tls must be none, starttls or tls, got 'ssl'");
        assertThatThrownBy(() -> parse(Map.of(), "--smtp-host", "m", "--smtp-from", "nobody"))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("--smtp-from must be an e-mail address, got 'nobody'");
        assertThatThrownBy(() -> parse(Map.of(), "--webhook-attempts", "0"))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("--webhook-attempts must be a whole number from 1 to 10, got '0'");
    }
}
