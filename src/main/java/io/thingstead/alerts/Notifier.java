package io.thingstead.alerts;

/**
 * Where {@link Handlers} hands every notification other than {@code log}: a webhook, an e-mail,
 * an SMS or a method call (docs/alerts.md: Notifications). {@link #send} must return at once, so
 * that evaluation, and the writer behind it, never wait for a network; what it cannot take it
 * reports in the device log itself, never dropping a notification silently.
 */
@FunctionalInterface
public interface Notifier {
    void send(Outgoing notification);
}
