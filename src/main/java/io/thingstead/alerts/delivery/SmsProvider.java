package io.thingstead.alerts.delivery;

/**
 * Sends a text message (docs/alerts.md: Notifications). None is built in: without one, each
 * {@code sms} notification writes a device log line saying it was not sent. Called on a delivery
 * worker, so it may block.
 */
@FunctionalInterface
public interface SmsProvider {
    /** Sends {@code message} to {@code to}, comma-separated E.164 numbers. */
    Outcome send(String to, String message);
}
