package io.thingstead.alerts;

import io.thingstead.core.Times;

/**
 * An alert in the device state object's {@code alerts[]} (docs/alerts.md: Incidents): the alert
 * with its open incident, the time of its last match and how many matches the incident counted.
 */
public record AlertState(String id, String name, Open incident, String lastTriggered, long count) {
    /** The open incident's severity ({@code warn}/{@code crit}) and when it opened. */
    public record Open(String severity, String startTime) {}

    static AlertState of(Alert a, Incident i) {
        return new AlertState(
                a.id(),
                a.name(),
                new Open(i.severity().toString(), Times.format(i.startTime())),
                Times.format(i.lastTriggered()),
                i.count());
    }
}
