package io.thingstead.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.alerts.Notification;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhooksTest {
    private static Notification.Webhook hook(String url, Notification.HttpMethod method, String message) {
        return new Notification.Webhook("hook", url, method, message, "k");
    }

    @Test
    void signature_isBase64OfHmacSha1_overUrlThenPayload() {
        // RFC 2202, HMAC-SHA1 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(Webhooks.signature("Jefe", "what do ya want ", "for nothing?"))
                .isEqualTo("7/zfauXrL6LSdBbV8YTfnCWafHk=");
    }

    @Test
    void url_fillsVariablesUrlEncoded_soAValueNeverChangesTheUrlsShape() {
        String url = Webhooks.url(
                hook("https://hooks.example/d/${device.name}?v=${value}", Notification.HttpMethod.GET, null),
                Map.of("device.name", "a b/c?d&e", "value", "21.5"));

        assertThat(url).isEqualTo("https://hooks.example/d/a%20b%2Fc%3Fd%26e?v=21.5");
        assertThat(Webhooks.origin(url)).isEqualTo("https://hooks.example");
    }

    @Test
    void payload_fillsVariablesAsPlainText_andAGetHasNone() {
        Map<String, String> vars = Map.of("device.name", "a b", "value", "7");
        String json = "{\"d\":\"${device.name}\",\"v\":${value}}";

        assertThat(Webhooks.payload(hook("http://x", Notification.HttpMethod.POST, json), vars))
                .isEqualTo("{\"d\":\"a b\",\"v\":7}");
        assertThat(Webhooks.payload(hook("http://x", Notification.HttpMethod.GET, json), vars))
                .isEmpty();
        assertThat(Webhooks.payload(hook("http://x", Notification.HttpMethod.PUT, null), vars))
                .isEmpty();
    }

    @Test
    void contentType_isJsonForJson_elsePlainText() {
        assertThat(Webhooks.contentType("{\"a\":1}")).isEqualTo("application/json");
        assertThat(Webhooks.contentType("[1,2]")).isEqualTo("application/json");
        assertThat(Webhooks.contentType("too hot")).startsWith("text/plain");
        assertThat(Webhooks.contentType("")).startsWith("text/plain");
    }

    @Test
    void origin_keepsAnExplicitPort_andNeverThePathOrQuery() {
        assertThat(Webhooks.origin("http://127.0.0.1:8080/secret?token=x")).isEqualTo("http://127.0.0.1:8080");
    }
}
