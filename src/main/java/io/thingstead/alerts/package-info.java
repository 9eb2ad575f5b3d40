/**
 * Alerts (docs/alerts.md): their definitions (trigger, metric, conditions, handler chains,
 * notifications) owned by a device profile or one device, the in-memory view of them, which
 * alerts apply to a device through its profile's IS-A chain, and the pure core of evaluation: the
 * metric and conditions of one write, the incident state machine and the handler chains; and
 * evaluation itself, on the stored events, with the kept incidents, their handler timers and the
 * gateway hold-back as runtime state of their devices. Never imports api, mqtt, storage or app:
 * time comes from an injected clock, incidents are stored through the {@link
 * io.thingstead.alerts.IncidentStore} port, and every notification but {@code log} goes to a
 * {@link io.thingstead.alerts.Notifier}; {@code alerts.delivery} delivers them, the one part of
 * alerts that does network I/O.
 */
package io.thingstead.alerts;
