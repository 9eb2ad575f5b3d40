package io.thingstead.alerts;

import io.thingstead.core.ApiException;
import io.thingstead.core.Spans;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template variables of notification texts (messages, subjects, webhook URLs): {@code
 * ${name}} replaced by plain text, nothing else (docs/alerts.md: Template variables). A variable
 * that is not one of {@link #VARIABLES}, or a {@code ${} left open, is refused when the alert is
 * stored, so a typo never reaches an operator as a literal.
 */
public final class Templates {
    public static final List<String> VARIABLES = List.of(
            "account.id",
            "alert.id",
            "alert.name",
            "property.id",
            "property.name",
            "device.id",
            "device.name",
            "app.id",
            "app.name",
            "value",
            "last_value",
            "timestamp");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private Templates() {}

    /** Refuses a text whose variables are not all known, naming the field and the variable. */
    public static String check(String field, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        int end = 0;
        while (m.find()) {
            if (text.substring(end, m.start()).contains("${")) {
                throw ApiException.invalid(field, "opens a template variable with '${' and never closes it");
            }
            if (!VARIABLES.contains(m.group(1))) {
                throw ApiException.invalid(
                        field,
                        "uses the template variable '${" + Spans.shown(m.group(1)) + "}' that does not exist; known: "
                                + VARIABLES);
            }
            end = m.end();
        }
        if (text.substring(end).contains("${")) {
            throw ApiException.invalid(field, "opens a template variable with '${' and never closes it");
        }
        return text;
    }

    /** The text with each variable replaced by its value ({@code ""} when {@code values} has none). */
    public static String render(String text, Map<String, String> values) {
        return render(text, values, UnaryOperator.identity());
    }

    /**
     * As {@link #render(String, Map)}, each value passed through {@code escape} first (a webhook
     * URL's values are URL-encoded, so a device name never changes the URL's shape).
     */
    public static String render(String text, Map<String, String> values, UnaryOperator<String> escape) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : escape.apply(v)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
