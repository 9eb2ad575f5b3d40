package io.thingstead.alerts.delivery;

import io.thingstead.alerts.Notification;
import io.thingstead.alerts.Templates;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * E-mail notifications over the configured SMTP server (docs/alerts.md: Notifications): one
 * plain-text message to the notification's recipients, subject and body with their template
 * variables filled; one attempt, its failure in the device log.
 */
final class Mail {
    private final DeliverySettings.Smtp smtp;
    private final Session session;

    Mail(DeliverySettings.Smtp smtp, Duration timeout) {
        this.smtp = smtp;
        this.session = Session.getInstance(properties(smtp, timeout));
    }

    static Properties properties(DeliverySettings.Smtp smtp, Duration timeout) {
        Properties p = new Properties();
        String ms = Long.toString(timeout.toMillis());
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        p.put("mail.smtp.auth", Boolean.toString(smtp.user() != null));
        switch (smtp.tls()) {
            case NONE -> {}
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    Outcome send(String alertName, Notification.Email e, Map<String, String> vars) {
        String to = Templates.render(e.to(), vars);
        String subject = Templates.render(e.subject(), vars);
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(smtp.from()));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            m.setSubject(subject == null || subject.isBlank() ? "Alert " + alertName : subject, "UTF-8");
            String body = Templates.render(e.message(), vars);
            m.setText(body == null ? "" : body, StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            if (smtp.user() == null) {
                Transport.send(m);
            } else {
                Transport.send(m, smtp.user(), smtp.password());
            }
            return new Outcome.Sent("to " + to + " through " + server());
        } catch (AddressException ex) {
            return new Outcome.Failed("'" + to + "' is not a list of e-mail addresses (" + ex.getMessage() + ")");
        } catch (MessagingException ex) {
            return new Outcome.Failed(server() + " refused or could not be reached (" + reason(ex) + ")");
        }
    }

    private String server() {
        return "SMTP " + smtp.host() + ":" + smtp.port();
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.strip());
    }
}
