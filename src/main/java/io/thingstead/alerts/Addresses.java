package io.thingstead.alerts;

import io.thingstead.core.ApiException;
import io.thingstead.core.Spans;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where a notification goes: a webhook URL, e-mail addresses, phone numbers; each checked when the alert is stored. */
final class Addresses {
    private static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{5,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+");

    private Addresses() {}

    /**
     * An absolute {@code http} or {@code https} URL with a host; its template variables (already
     * checked) are read as plain text, so {@code https://x/${device.id}} is a valid URL.
     */
    static String webhook(String field, String url) {
        String probe = url.replaceAll("\\$\\{[^}]*}", "x");
        URI uri;
        try {
            uri = new URI(probe);
        } catch (URISyntaxException e) {
            throw ApiException.invalid(field, "must be an http or https URL, got '" + Spans.shown(url) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.invalid(field, "must be an http or https URL, got '" + Spans.shown(url) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.invalid(field, "must name a host, got '" + Spans.shown(url) + "'");
        }
        if (uri.getUserInfo() != null) {
            throw ApiException.invalid(field, "must not carry credentials; sign it with 'signatureKey' instead");
        }
        return url;
    }

    /** Comma-separated e-mail addresses. */
    static String emails(String field, String to) {
        return list(field, to, EMAIL, "an e-mail address");
    }

    /** Comma-separated E.164 numbers with their country code ({@code +14155550100}). */
    static String phones(String field, String to) {
        return list(field, to, PHONE, "an E.164 phone number with its country code, such as +14155550100");
    }

    private static String list(String field, String to, Pattern each, String what) {
        if (to.contains("${")) {
            return to;
        }
        for (String part : to.split(",", -1)) {
            if (!each.matcher(part.trim()).matches()) {
                throw ApiException.invalid(
                        field, "must be comma-separated, each " + what + "; '" + Spans.shown(part.trim()) + "' is not");
            }
        }
        return to;
    }
}
