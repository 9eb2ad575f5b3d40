package io.thingstead.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Names;
import io.thingstead.core.Spans;
import io.thingstead.core.Wire;
import io.thingstead.timeseries.LogLevel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Reads the rule parts of an alert body, each item on its own: {@code conditions} with their
 * expressions and handlers, {@code recover}, {@code notifications}. How they refer to one another
 * is {@link AlertRules}'s to check, on the alert as a whole.
 */
final class RuleFields {
    static final int MAX_CONDITIONS = 3;
    private static final int MAX_HANDLERS = 20;
    private static final int MAX_NOTIFICATIONS = 50;
    private static final int MAX_TEXT = 4096;

    private static final FieldSet CONDITION = FieldSet.of("severity", "expression", "handlers");
    private static final FieldSet EXPRESSION = FieldSet.of("operation", "value");
    private static final FieldSet HANDLER = FieldSet.of("key", "notification", "next", "timeout");
    private static final FieldSet COMMON = FieldSet.of("action", "name");
    private static final FieldSet LOG = COMMON.plus("level", "logLevel", "message");
    private static final FieldSet WEBHOOK = COMMON.plus("url", "method", "message", "signatureKey");
    private static final FieldSet EMAIL = COMMON.plus("to", "subject", "message");
    private static final FieldSet SMS = COMMON.plus("to", "message");
    private static final FieldSet METHOD = COMMON.plus("method", "parameter");

    private RuleFields() {}

    static List<Condition> conditions(Fields body) {
        JsonNode list = array(body, "conditions");
        if (list == null) {
            throw ApiException.invalid("conditions", "is required: at least one condition");
        }
        if (list.isEmpty()) {
            throw ApiException.invalid("conditions", "must hold at least one condition");
        }
        if (list.size() > MAX_CONDITIONS) {
            throw ApiException.invalid(
                    "conditions", "must hold at most " + MAX_CONDITIONS + " conditions, got " + list.size());
        }
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(condition(Fields.of(list.get(i), "conditions[" + i + "]", CONDITION)));
        }
        return out;
    }

    private static Condition condition(Fields c) {
        if (!c.present("severity")) {
            throw ApiException.invalid(c.name("severity"), "is required: notification, warning or critical");
        }
        Condition.Severity severity = c.oneOf("severity", Condition.Severity.class);
        Fields e = c.object("expression", EXPRESSION);
        Condition.Expression expression = e == null ? new Condition.Expression(null, null) : expression(e);
        JsonNode list = array(c, "handlers");
        if (list == null || list.isEmpty()) {
            throw ApiException.invalid(c.name("handlers"), "must hold at least one handler");
        }
        if (list.size() > MAX_HANDLERS) {
            throw ApiException.invalid(c.name("handlers"), "must hold at most " + MAX_HANDLERS + " handlers");
        }
        List<Handler> handlers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            handlers.add(handler(Fields.of(list.get(i), c.name("handlers") + "[" + i + "]", HANDLER)));
        }
        return new Condition(severity, expression, handlers);
    }

    private static Condition.Expression expression(Fields e) {
        Condition.Operation op = e.oneOf("operation", Condition.Operation.class);
        JsonNode value = e.raw("value");
        if (value != null && !value.isValueNode()) {
            throw ApiException.invalid(e.name("value"), "must be a number, a string or true/false");
        }
        if (value != null && value.isNumber() && !Double.isFinite(value.doubleValue())) {
            throw ApiException.invalid(e.name("value"), "must be a finite number");
        }
        if (op != null && value == null) {
            throw ApiException.invalid(e.name("value"), "is required with an operation");
        }
        if (op == null && value != null) {
            throw ApiException.invalid(
                    e.name("operation"), "is required with a value: eq, neq, lt, lte, gt, gte or match");
        }
        return new Condition.Expression(op, value);
    }

    /** A handler; {@code timeout} is checked to be a duration, {@code next} and {@code notification} as names. */
    static Handler handler(Fields h) {
        String key = h.requiredString("key");
        if (key.isBlank() || key.length() > 64) {
            throw ApiException.invalid(h.name("key"), "must be 1 to 64 characters");
        }
        String notification = h.requiredString("notification");
        String next = h.string("next");
        String timeout = h.string("timeout");
        if (timeout != null) {
            Spans.parse(h.name("timeout"), timeout);
        }
        return new Handler(key, notification, next, timeout);
    }

    static List<Notification> notifications(Fields body) {
        JsonNode list = array(body, "notifications");
        if (list == null) {
            throw ApiException.invalid("notifications", "is required: the notifications the handlers name");
        }
        if (list.size() > MAX_NOTIFICATIONS) {
            throw ApiException.invalid("notifications", "must hold at most " + MAX_NOTIFICATIONS + " notifications");
        }
        List<Notification> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(notification("notifications[" + i + "]", list.get(i)));
        }
        return out;
    }

    private static Notification notification(String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.invalid(path, "must be a JSON object");
        }
        JsonNode actionNode = node.get("action");
        if (actionNode == null || actionNode.isNull()) {
            throw ApiException.invalid(path + ".action", "is required: log, webhook, email, sms or method");
        }
        if (!actionNode.isTextual()) {
            throw ApiException.invalid(path + ".action", "must be a string");
        }
        Notification.Action action =
                Wire.parse(path + ".action", EnumSet.allOf(Notification.Action.class), actionNode.textValue(), true);
        Fields n = Fields.of(node, path, known(action));
        String name = Names.require(n.name("name"), n.requiredString("name"));
        return switch (action) {
            case LOG -> log(n, name);
            case WEBHOOK -> webhook(n, name);
            case EMAIL ->
                new Notification.Email(
                        name,
                        Addresses.emails(n.name("to"), required(n, "to")),
                        text(n, "subject"),
                        text(n, "message"));
            case SMS ->
                new Notification.Sms(name, Addresses.phones(n.name("to"), required(n, "to")), text(n, "message"));
            case METHOD -> new Notification.Method(name, required(n, "method"), n.raw("parameter"));
        };
    }

    private static FieldSet known(Notification.Action action) {
        return switch (action) {
            case LOG -> LOG;
            case WEBHOOK -> WEBHOOK;
            case EMAIL -> EMAIL;
            case SMS -> SMS;
            case METHOD -> METHOD;
        };
    }

    private static Notification webhook(Fields n, String name) {
        String url = Addresses.webhook(n.name("url"), required(n, "url"));
        Notification.HttpMethod method = n.oneOf("method", Notification.HttpMethod.class);
        String signatureKey = n.text("signatureKey", 256);
        if (signatureKey != null && signatureKey.isEmpty()) {
            throw ApiException.invalid(n.name("signatureKey"), "must not be empty; leave it out to send unsigned");
        }
        return new Notification.Webhook(
                name, url, method == null ? Notification.HttpMethod.POST : method, text(n, "message"), signatureKey);
    }

    /** {@code level} or {@code logLevel}, both Connio's (info when neither). */
    private static Notification log(Fields n, String name) {
        String field = n.spelling("level", "logLevel");
        LogLevel level = n.oneOf(field, LogLevel.class);
        return new Notification.Log(name, level == null ? LogLevel.INFO : level, text(n, "message"));
    }

    /** A text that may hold template variables. */
    static String text(Fields n, String field) {
        return Templates.check(n.name(field), n.text(field, MAX_TEXT));
    }

    private static String required(Fields n, String field) {
        String s = text(n, field);
        if (s == null || s.isBlank()) {
            throw ApiException.invalid(n.name(field), "is required");
        }
        return s;
    }

    private static JsonNode array(Fields f, String field) {
        JsonNode v = f.raw(field);
        if (v != null && !v.isArray()) {
            throw ApiException.invalid(f.name(field), "must be an array");
        }
        return v;
    }
}
