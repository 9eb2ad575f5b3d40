/**
 * Alerts (docs/alerts.md): their definitions (trigger, metric, conditions, handler chains,
 * notifications) owned by a device profile or one device, the in-memory view of them, which
 * alerts apply to a device through its profile's IS-A chain, and the pure core of evaluation: the
 * metric and conditions of one write, the incident state machine and the handler chains. Never
 * imports api, mqtt, storage or app, and does no I/O of its own: time comes from an injected
 * clock, history through a function it is given, and every notification but {@code log} goes to
 * a {@link io.thingstead.alerts.Notifier} ({@code alerts.delivery} delivers them).
 */
package io.thingstead.alerts;
