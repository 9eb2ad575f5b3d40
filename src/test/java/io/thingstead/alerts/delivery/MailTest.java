package io.thingstead.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.alerts.Notification;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTest {
    @Test
    void aServerThatCannotBeReached_isAFailureNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Mail mail = new Mail(
                new DeliverySettings.Smtp("127.0.0.1", port, DeliverySettings.Tls.NONE, null, null, "a@b.c"),
                Duration.ofSeconds(2));

        Outcome o = mail.send("hot", new Notification.Email("m", "ops@example.com", "s", "b"), Map.of());

        assertThat(o).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) o).reason())
                .startsWith("SMTP 127.0.0.1:" + port + " refused or could not be reached");
    }

    @Test
    void tls_setsTheSessionToMatch() {
        var smtp = new DeliverySettings.Smtp("m", 587, DeliverySettings.Tls.STARTTLS, "u", "p", "a@b.c");
        var p = Mail.properties(smtp, Duration.ofSeconds(3));

        assertThat(p)
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.timeout", "3000")
                .doesNotContainKey("mail.smtp.ssl.enable");
        assertThat(Mail.properties(
                        new DeliverySettings.Smtp("m", 465, DeliverySettings.Tls.TLS, null, null, "a@b.c"),
                        Duration.ofSeconds(3)))
                .containsEntry("mail.smtp.ssl.enable", "true")
                .containsEntry("mail.smtp.auth", "false");
    }
}
