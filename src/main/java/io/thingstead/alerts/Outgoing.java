package io.thingstead.alerts;

import io.thingstead.devices.Device;
import java.util.Map;

/**
 * A notification to deliver for an alert of a device, with its template variables as they were
 * when the handler ran (docs/alerts.md: Template variables), and {@code depth}: how many method
 * runs deep the write that raised it was (0 for a key's write, the platform's, or a timer's), so
 * that a {@code method} notification runs one deeper and a method whose writes raise its own
 * alert again ends at the nesting limit (docs/methods.md: Limits).
 */
public record Outgoing(
        Alert alert, Device device, Notification notification, Map<String, String> variables, int depth) {
    public Outgoing {
        variables = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
    }

    /** The action of a notification as a request spells it ({@code webhook}, {@code email}, ...). */
    public static String action(Notification n) {
        return switch (n) {
            case Notification.Log l -> "log";
            case Notification.Webhook w -> "webhook";
            case Notification.Email e -> "email";
            case Notification.Sms s -> "sms";
            case Notification.Method m -> "method";
        };
    }

    /** The start of every device log line about it: {@code Alert hot: notification mail (email)}. */
    public String describe() {
        return "Alert " + alert.name() + ": notification " + notification.name() + " (" + action(notification) + ")";
    }
}
