package io.thingstead.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Copies;
import io.thingstead.core.Wire;
import java.util.List;

/**
 * An alert as stored and sent: owned by a device profile ({@code _dpf_}, a builtin one included,
 * for the account that created it) or by one device ({@code _dev_}), triggered by writes of
 * {@code triggerId}, a property its owner has (docs/alerts.md).
 */
public record Alert(
        String id,
        String accountId,
        String ownerId,
        String name,
        String friendlyName,
        String description,
        List<String> tags,
        String triggerId,
        String ttl,
        Status status,
        String metric,
        List<Condition> conditions,
        Handler recover,
        List<Notification> notifications,
        boolean locked,
        String dateCreated,
        String dateModified) {
    public Alert {
        tags = Copies.list(tags);
        conditions = Copies.list(conditions);
        notifications = Copies.list(notifications);
    }

    /** Whether it is evaluated at all. */
    public enum Status {
        ENABLED,
        DISABLED;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    /** Whether a device owns it (else a device profile). */
    public boolean ownedByDevice() {
        return ownerId.startsWith("_dev_");
    }

    /** The notification of that name, or null. */
    public Notification notification(String name) {
        for (Notification n : notifications) {
            if (n.name().equalsIgnoreCase(name)) {
                return n;
            }
        }
        return null;
    }

    /** The condition of that severity, or null. */
    public Condition condition(Condition.Severity severity) {
        for (Condition c : conditions) {
            if (c.severity() == severity) {
                return c;
            }
        }
        return null;
    }
}
