package io.thingstead.alerts.delivery;

import io.thingstead.alerts.Notification;
import io.thingstead.alerts.Templates;
import io.thingstead.core.JsonInput;
import io.thingstead.core.Times;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook notifications (docs/alerts.md: Notifications): the message, template variables filled,
 * sent with the notification's method to its URL, whose variables are filled URL-encoded. With a
 * {@code signatureKey} the request carries {@code X-Connio-Signature} = Base64(HMAC-SHA1(key, url
 * + payload)) over the URL as sent and the body's bytes. A request that cannot connect, times
 * out or is answered 5xx is tried again after a wait that doubles each time; a 4xx is final.
 * Redirects are followed here, at most {@value #MAX_REDIRECTS}, only to http or https, never from
 * https to http; any other answer of 3xx is a failure. No request goes to an address {@link
 * Destinations} refuses, the first or one a redirect names.
 */
final class Webhooks implements AutoCloseable {
    static final String SIGNATURE_HEADER = "X-Connio-Signature";
    static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final DeliverySettings settings;

    Webhooks(DeliverySettings settings) {
        this.settings = settings;
        // HTTP/1.1 only: no h2c upgrade offered to receivers that may not expect one
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // followed here, each hop's address checked
                .build();
    }

    /** The URL to call: its template variables filled, each value URL-encoded. */
    static String url(Notification.Webhook w, Map<String, String> vars) {
        return Templates.render(
                w.url(), vars, v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The body: the message, variables filled; none for a GET. */
    static String payload(Notification.Webhook w, Map<String, String> vars) {
        if (w.method() == Notification.HttpMethod.GET || w.message() == null) {
            return "";
        }
        return Templates.render(w.message(), vars);
    }

    /** Base64(HMAC-SHA1(key, url + payload)), the bytes of both in UTF-8. */
    static String signature(String key, String url, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal((url + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }

    /** Where a URL goes, for the log and for the bound per destination: scheme, host and port. */
    static String origin(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }

    /**
     * Sends {@code w} to {@code url} (already rendered), trying again as the settings say; each
     * failed attempt that will be retried goes to {@code retrying}.
     */
    Outcome send(Notification.Webhook w, String url, Map<String, String> vars, Consumer<String> retrying) {
        HttpRequest request;
        try {
            request = request(w, url, payload(w, vars));
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed("the URL with its variables filled is not valid: " + e.getMessage());
        }
        String target = w.method().name() + " " + origin(url);
        for (int attempt = 1; ; attempt++) {
            Attempt a;
            try {
                a = attempt(request);
            } catch (InterruptedException e) {
                return new Outcome.Failed(target + " interrupted: the server is stopping");
            }
            if (a.status() >= 200 && a.status() < 300) {
                return new Outcome.Sent(target + " answered " + a.status());
            }
            String failure = target + " " + a.problem();
            if (!a.retryable() || attempt >= settings.webhookAttempts()) {
                return new Outcome.Failed(failure + (attempt > 1 ? ", after " + attempt + " attempts" : ""));
            }
            Duration wait = settings.webhookBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
            retrying.accept("attempt " + attempt + " of " + settings.webhookAttempts() + " failed: " + failure
                    + "; trying again in " + Times.describe(wait));
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return new Outcome.Failed(failure + "; not tried again: the server is stopping");
            }
        }
    }

    private HttpRequest request(Notification.Webhook w, String url, String payload) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.timeout())
                .header("User-Agent", "Thingstead-Alerts");
        if (w.signatureKey() != null) {
            b.header(SIGNATURE_HEADER, signature(w.signatureKey(), url, payload));
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8);
        return switch (w.method()) {
            case GET -> b.GET().build();
            case POST ->
                b.header("Content-Type", contentType(payload)).POST(body).build();
            case PUT -> b.header("Content-Type", contentType(payload)).PUT(body).build();
        };
    }

    /** JSON when the payload is JSON (Connio's messages usually are), else plain text. */
    static String contentType(String payload) {
        try {
            JsonInput.MAPPER.readTree(payload);
            return payload.isBlank() ? "text/plain; charset=utf-8" : "application/json";
        } catch (IOException e) {
            return "text/plain; charset=utf-8";
        }
    }

    /** One attempt's answer: a status, or 0 with what went wrong; a redirect's target, or null. */
    private record Attempt(int status, String problem, boolean retryable, URI redirect) {
        Attempt(int status, String problem, boolean retryable) {
            this(status, problem, retryable, null);
        }
    }

    /** One attempt: the request, and the redirects it is answered with, each to an allowed address. */
    private Attempt attempt(HttpRequest first) throws InterruptedException {
        HttpRequest request = first;
        for (int hop = 0; ; hop++) {
            String refused = Destinations.refused(request.uri());
            if (refused != null) {
                return new Attempt(
                        0,
                        (hop == 0 ? "" : "redirected to " + origin(request.uri().toString()) + ": ") + refused,
                        false);
            }
            Attempt a = once(request);
            if (a.redirect() == null) {
                return a;
            }
            if (hop == MAX_REDIRECTS) {
                return new Attempt(
                        a.status(),
                        "answered " + a.status() + " after " + MAX_REDIRECTS + " redirects (no more are followed)",
                        false);
            }
            request = redirected(request, a.status(), a.redirect());
        }
    }

    /** The request again at {@code to}: 303, and 301 or 302 of a POST, as a GET; 307 and 308 as it was. */
    private static HttpRequest redirected(HttpRequest request, int status, URI to) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(request, (name, value) -> true).uri(to);
        boolean asGet = status == 303
                || ((status == 301 || status == 302) && request.method().equals("POST"));
        return asGet ? b.GET().build() : b.build();
    }

    /** Where a 3xx answer may send the request: http or https, not from https down to http; else null. */
    private static URI followable(URI from, HttpResponse<Void> response) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
            return null;
        }
        URI to;
        try {
            to = from.resolve(location);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean web = scheme.equals("http") || scheme.equals("https");
        boolean downgrade = from.getScheme().equalsIgnoreCase("https") && scheme.equals("http");
        return web && !downgrade && to.getHost() != null ? to : null;
    }

    private Attempt once(HttpRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<Void>> f = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = f.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status >= 500) {
                return new Attempt(status, "answered " + status, true);
            }
            if (status >= 300 && status < 400) {
                URI to = status == 304 ? null : followable(request.uri(), response);
                return to == null
                        ? new Attempt(status, "answered " + status + " (a redirect it may not follow)", false)
                        : new Attempt(status, "answered " + status, false, to);
            }
            return new Attempt(status, "answered " + status, false);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Attempt(0, "did not answer within " + Times.describe(settings.timeout()), true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return new Attempt(0, "did not answer within " + Times.describe(settings.timeout()), true);
            }
            return new Attempt(0, "could not be reached (" + describe(cause) + ")", true);
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
