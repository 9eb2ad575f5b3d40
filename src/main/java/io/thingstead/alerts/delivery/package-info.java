/**
 * The I/O half of alerts (docs/alerts.md: Notifications): delivers the notifications {@code
 * Handlers} hands to a {@link io.thingstead.alerts.Notifier}, webhooks over HTTP, e-mails over
 * SMTP, SMS through an {@link SmsProvider}, method calls through {@link MethodCalls}, on bounded
 * queues and workers of their own, so a hanging receiver never slows ingestion or another
 * destination. Every outcome, and every failed attempt, is a device log line. Never imports api,
 * mqtt, storage or app; the ports it needs from elsewhere (methods) the app wires.
 */
package io.thingstead.alerts.delivery;
