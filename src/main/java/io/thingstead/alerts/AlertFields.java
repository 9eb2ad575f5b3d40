package io.thingstead.alerts;

import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Names;
import io.thingstead.core.Spans;
import java.util.List;

/**
 * An alert body (docs/alerts.md: Fields): what an alert emits, {@code ownerId}, and the trigger
 * in any of Connio's three spellings. A new alert reads every field; a change reads the fields
 * present over the current alert, and the result is checked whole by {@link AlertRules}.
 */
final class AlertFields {
    static final FieldSet KNOWN = FieldSet.of(
                    "name",
                    "friendlyName",
                    "description",
                    "tags",
                    "ownerId",
                    "triggerId",
                    "trigger",
                    "triggerPropId",
                    "ttl",
                    "status",
                    "metric",
                    "conditions",
                    "recover",
                    "notifications",
                    "locked")
            .readOnly("id", "accountId", "dateCreated", "dateModified");

    private static final FieldSet HANDLER = FieldSet.of("key", "notification", "next", "timeout");

    private AlertFields() {}

    /** The trigger reference the body gives ({@code triggerId}, {@code trigger} or {@code triggerPropId}), or null. */
    static String triggerRef(Fields f) {
        return f.string(f.spelling("triggerId", "trigger", "triggerPropId"));
    }

    /** The field the body names its trigger with, for messages. */
    static String triggerField(Fields f) {
        return f.spelling("triggerId", "trigger", "triggerPropId");
    }

    static Alert create(Fields f, String id, String accountId, String ownerId, String triggerId, String now) {
        return new Alert(
                id,
                accountId,
                ownerId,
                Names.require("name", f.requiredString("name")),
                f.text("friendlyName", 256),
                f.text("description", 4096),
                f.tagsOrEmpty("tags"),
                triggerId,
                ttl(f),
                status(f, Alert.Status.ENABLED),
                metric(f, "value"),
                RuleFields.conditions(f),
                recover(f),
                RuleFields.notifications(f),
                Boolean.TRUE.equals(f.bool("locked")),
                now,
                now);
    }

    static Alert update(Fields f, Alert cur, String triggerId, String now) {
        return new Alert(
                cur.id(),
                cur.accountId(),
                cur.ownerId(),
                f.present("name") ? Names.require("name", f.string("name")) : cur.name(),
                f.has("friendlyName") ? f.text("friendlyName", 256) : cur.friendlyName(),
                f.has("description") ? f.text("description", 4096) : cur.description(),
                f.has("tags") ? f.tagsOrEmpty("tags") : cur.tags(),
                triggerId,
                f.has("ttl") ? ttl(f) : cur.ttl(),
                status(f, cur.status()),
                f.has("metric") ? metric(f, "value") : cur.metric(),
                f.present("conditions") ? RuleFields.conditions(f) : cur.conditions(),
                f.has("recover") ? recover(f) : cur.recover(),
                f.present("notifications") ? RuleFields.notifications(f) : cur.notifications(),
                f.has("locked") ? Boolean.TRUE.equals(f.bool("locked")) : cur.locked(),
                cur.dateCreated(),
                now);
    }

    /** Points whose own time is older than the ttl when they arrive are not evaluated. */
    private static String ttl(Fields f) {
        String ttl = f.string("ttl");
        if (ttl != null) {
            Spans.positive("ttl", ttl);
        }
        return ttl;
    }

    private static Alert.Status status(Fields f, Alert.Status fallback) {
        Alert.Status s = f.oneOf("status", Alert.Status.class);
        return s == null ? fallback : s;
    }

    private static String metric(Fields f, String fallback) {
        String m = f.string("metric");
        if (m == null) {
            return fallback;
        }
        Metric.parse("metric", m);
        return m.trim();
    }

    private static Handler recover(Fields f) {
        Fields r = f.object("recover", HANDLER);
        return r == null ? null : RuleFields.handler(r);
    }

    /** Refuses a body whose {@code conditions} or {@code notifications} is explicitly null on a change. */
    static void requireNotNull(Fields f, List<String> fields) {
        for (String field : fields) {
            if (f.has(field) && !f.present(field)) {
                throw ApiException.invalid(field, "cannot be unset; send the new list");
            }
        }
    }
}
