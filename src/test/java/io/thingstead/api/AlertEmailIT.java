package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.NotificationItSupport.alertOn;
import static io.thingstead.api.NotificationItSupport.device;
import static io.thingstead.api.NotificationItSupport.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.thingstead.alerts.delivery.DeliverySettings;
import io.thingstead.api.NotificationItSupport.Dev;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * E-mail notifications through the real server to a real SMTP server (GreenMail) on a free port,
 * plain SMTP with a user and password (docs/alerts.md: Notifications).
 */
class AlertEmailIT {
    static GreenMail smtp;
    static TestServer server;
    static Http admin;
    static String profile;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "pw"));
        smtp.start();
        DeliverySettings.Smtp server1 = new DeliverySettings.Smtp(
                "127.0.0.1", smtp.getSmtp().getPort(), DeliverySettings.Tls.NONE, "alerts", "pw", "alerts@example.com");
        server = TestServer.withConfig(c -> c.withAlertDelivery(DeliverySettings.DEFAULT.withSmtp(server1)));
        admin = server.admin();
        profile = NotificationItSupport.profile(admin);
    }

    @AfterAll
    static void stop() {
        server.close();
        smtp.stop();
    }

    private static List<MimeMessage> to(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(a -> a.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void email_goesToTheRecipients_withSubjectAndBodyTemplated() throws Exception {
        Dev d = device(admin, profile);
        String rcpt = d.name() + "@example.com";
        String alert = alertOn(
                admin,
                d,
                notification("email", "mail")
                        .put("to", "${device.name}@example.com")
                        .put("subject", "${alert.name}: ${property.name} of ${device.name} is ${value}")
                        .put("message", "Now ${value}, was ${last_value}."));

        d.write(20);
        d.write(45.5);

        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(15)).until(() -> to(rcpt), l -> l.size() == 2);
        MimeMessage last = mails.stream()
                .filter(m -> {
                    try {
                        return m.getSubject().endsWith("45.5");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(last.getSubject()).isEqualTo(alert + ": temperature of " + d.name() + " is 45.5");
        assertThat(((String) last.getContent()).strip()).isEqualTo("Now 45.5, was 20.0.");
        assertThat(last.getFrom()[0].toString()).isEqualTo("alerts@example.com");
        awaitLog(
                admin,
                d.id(),
                "notification mail (email) sent: to " + rcpt + " through SMTP 127.0.0.1:"
                        + smtp.getSmtp().getPort());
    }
}
