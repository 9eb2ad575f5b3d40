package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.NotificationItSupport.alertOn;
import static io.thingstead.api.NotificationItSupport.device;
import static io.thingstead.api.NotificationItSupport.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.alerts.delivery.DeliverySettings;
import io.thingstead.api.NotificationItSupport.Dev;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import io.thingstead.testing.WebhookReceiver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook notifications through the real server to a real HTTP receiver (docs/alerts.md:
 * Notifications): the templated request, its signature, retries after 5xx, none after 4xx, a
 * receiver that never answers, all without slowing ingestion.
 */
class AlertWebhookIT {
    static final Duration TIMEOUT = Duration.ofMillis(1500);
    static TestServer server;
    static Http admin;
    static String profile;
    WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        server = TestServer.withConfig(c -> c.withAlertDelivery(settings()));
        admin = server.admin();
        profile = NotificationItSupport.profile(admin);
    }

    /** A short timeout and short waits between attempts, so failures show within the test. */
    static DeliverySettings settings() {
        return DeliverySettings.DEFAULT.withWebhooks(TIMEOUT, 3, Duration.ofMillis(50));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    static String hmacSha1Base64(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String webhook(Dev d, String method, String path, String message) {
        var n = notification("webhook", "hook").put("url", receiver.url(path)).put("method", method);
        if (message != null) {
            n.put("message", message);
        }
        return alertOn(admin, d, n);
    }

    @Test
    void post_sendsTheTemplatedMessage_signedWithHmacSha1OverUrlAndPayload() throws Exception {
        Dev d = device(admin, profile);
        var n = notification("webhook", "hook")
                .put("url", receiver.url("/hooks/${device.name}"))
                .put("message", "{\"device\":\"${device.name}\",\"value\":${value},\"was\":\"${last_value}\"}")
                .put("signatureKey", "s3cret");
        alertOn(admin, d, n);

        d.write(21.5);

        WebhookReceiver.Request r = receiver.await(1).get(0);
        String body = "{\"device\":\"" + d.name() + "\",\"value\":21.5,\"was\":\"\"}";
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo("/hooks/" + d.name());
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.signature()).isEqualTo(hmacSha1Base64("s3cret", receiver.url("/hooks/" + d.name()) + body));
        awaitLog(admin, d.id(), "notification hook (webhook) sent: POST " + receiver.url("") + " answered 200");
    }

    @Test
    void get_fillsTheUrlsVariablesUrlEncoded_andSendsNoBody() {
        Dev d = device(admin, profile);
        webhook(d, "get", "/q?d=${device.name}&t=${timestamp}&v=${value}", "ignored ${value}");

        d.write(7);

        WebhookReceiver.Request r = receiver.await(1).get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.body()).isEmpty();
        assertThat(r.uri())
                .startsWith("/q?d=" + d.name() + "&t=")
                .endsWith("&v=7.0")
                .contains("%3A");
        String t = URLDecoder.decode(r.uri().replaceAll(".*&t=([^&]*)&.*", "$1"), StandardCharsets.UTF_8);
        assertThat(t).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void answers5xx_areTriedAgainWithBackoff_untilOneSucceeds_eachFailureInTheDeviceLog() {
        Dev d = device(admin, profile);
        receiver.answer(500, 503);
        webhook(d, "put", "/retry", "hot ${value}");

        d.write(30);

        List<WebhookReceiver.Request> rs = receiver.await(3);
        assertThat(rs).extracting(WebhookReceiver.Request::method).containsOnly("PUT");
        assertThat(rs).extracting(WebhookReceiver.Request::body).containsOnly("hot 30.0");
        List<String> log = awaitLog(admin, d.id(), "(webhook) sent: PUT");
        String target = "PUT " + receiver.url("");
        assertThat(log)
                .contains(
                        "Alert " + alertName(log) + ": notification hook (webhook) attempt 1 of 3 failed: " + target
                                + " answered 500; trying again in 50 ms",
                        "Alert " + alertName(log) + ": notification hook (webhook) attempt 2 of 3 failed: " + target
                                + " answered 503; trying again in 100 ms");
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void an4xxAnswer_isFinal_andNotTriedAgain() {
        Dev d = device(admin, profile);
        receiver.answer(404);
        webhook(d, "post", "/gone", "x");

        d.write(1);

        awaitLog(admin, d.id(), "(webhook) not sent: POST " + receiver.url("") + " answered 404");
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aLinkLocalOrUnspecifiedAddress_isNeverCalled_norFollowedTo() {
        Dev metadata = device(admin, profile);
        alertOn(
                admin,
                metadata,
                notification("webhook", "hook").put("url", "http://169.254.169.254/latest/meta-data/"));
        metadata.write(1);
        awaitLog(
                admin,
                metadata.id(),
                "(webhook) not sent: POST http://169.254.169.254 refused: 169.254.169.254 is a link-local address");

        Dev self = device(admin, profile);
        alertOn(
                admin,
                self,
                notification("webhook", "hook").put("url", "http://0.0.0.0:" + server.httpPort() + "/health"));
        self.write(1);
        awaitLog(admin, self.id(), "refused: 0.0.0.0 is the unspecified address");

        Dev redirected = device(admin, profile);
        receiver.redirect(307, "http://[fe80::1]/latest");
        webhook(redirected, "post", "/old", "${value}");
        redirected.write(1);
        awaitLog(
                admin,
                redirected.id(),
                "not sent: POST " + receiver.url("") + " redirected to http://[fe80::1]: refused: [fe80::1]");
        assertThat(receiver.requests()).extracting(WebhookReceiver.Request::uri).containsExactly("/old");
    }

    @Test
    void aRedirect_isFollowedToHttp_butNeverToAnotherScheme() {
        Dev d = device(admin, profile);
        receiver.redirect(307, receiver.url("/moved"));
        webhook(d, "post", "/old", "${value}");

        d.write(1);
        awaitLog(admin, d.id(), "(webhook) sent: POST");
        receiver.redirect(302, "ftp://127.0.0.1/elsewhere");
        d.write(2);

        awaitLog(admin, d.id(), "not sent: POST " + receiver.url("") + " answered 302 (a redirect it may not follow)");
        assertThat(receiver.requests())
                .extracting(WebhookReceiver.Request::uri, WebhookReceiver.Request::body)
                .containsExactly(tuple("/old", "1.0"), tuple("/moved", "1.0"), tuple("/old", "2.0"));
    }

    @Test
    void aReceiverThatNeverAnswers_timesOutAndIsRetried_whileWritesAndOtherHostsGoOn() {
        Dev stuck = device(admin, profile);
        webhook(stuck, "post", "/never", "stuck ${value}");
        receiver.hang();
        stuck.write(1);
        receiver.await(1);

        try (WebhookReceiver other = WebhookReceiver.start()) {
            Dev fine = device(admin, profile);
            alertOn(
                    admin,
                    fine,
                    notification("webhook", "hook").put("url", other.url("/ok")).put("message", "${value}"));
            long started = System.nanoTime();
            for (int i = 1; i <= 5; i++) {
                stuck.write(i + 1);
                fine.write(i);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
            other.await(5);
            awaitLog(admin, fine.id(), "(webhook) sent: POST " + other.url(""));
        }
        List<String> log = awaitLog(admin, stuck.id(), "not sent: POST " + receiver.url("") + " did not answer");
        assertThat(log)
                .anyMatch(m -> m.contains("attempt 1 of 3 failed: POST " + receiver.url("")
                        + " did not answer within 1500 ms; trying again in 50 ms"))
                .anyMatch(m -> m.endsWith("did not answer within 1500 ms, after 3 attempts"));
    }

    /** A new device with an alert that runs {@code n} writes once; waits for {@code line} in its log. */
    private static void writeOnceAndAwaitLog(ObjectNode n, String line) {
        Dev d = device(admin, profile);
        alertOn(admin, d, n);
        d.write(3);
        awaitLog(admin, d.id(), line);
    }

    @Test
    void sms_withNoProviderConfigured_isLoggedAsNotSent() {
        writeOnceAndAwaitLog(
                notification("sms", "text").put("to", "+14155550100").put("message", "hot ${value}"),
                "notification text (sms) not sent: no SMS provider configured");
    }

    @Test
    void email_withNoSmtpServerConfigured_isLoggedAsNotSent() {
        writeOnceAndAwaitLog(
                notification("email", "mail")
                        .put("to", "ops@example.com")
                        .put("subject", "s")
                        .put("message", "m"),
                "notification mail (email) not sent: no SMTP server configured");
    }

    @Test
    void aFullDeliveryQueue_logsWhatItCannotTake_onceInAWhile() {
        try (TestServer tight =
                TestServer.withConfig(c -> c.withAlertDelivery(settings().withBounds(1, 1)))) {
            Http as = tight.admin();
            Dev d = device(as, NotificationItSupport.profile(as));
            alertOn(
                    as,
                    d,
                    notification("webhook", "hook")
                            .put("url", receiver.url("/slow"))
                            .put("message", "${value}"));
            receiver.hang();

            d.writeAll(List.of(1.0, 2.0, 3.0, 4.0, 5.0));

            List<String> log = awaitLog(as, d.id(), "too many notifications are waiting");
            assertThat(log.stream().filter(m -> m.contains("too many notifications are waiting")))
                    .hasSize(1);
            receiver.close(); // answers what hangs, so the server stops without waiting
        }
    }

    private static String alertName(List<String> log) {
        return log.stream()
                .filter(m -> m.contains(": notification hook (webhook)"))
                .findFirst()
                .orElseThrow()
                .replaceAll("^Alert (\\S+): .*", "$1");
    }
}
