package io.thingstead.alerts;

import io.thingstead.core.Times;

/**
 * An open incident as listed ({@code GET /devices/{ref}/alerts/incidents}, {@code GET
 * /incidents}): its alert, device, severity ({@code warn}/{@code crit}), status ({@code active})
 * and the matches counted since it opened.
 */
public record IncidentView(
        String alertId,
        String alertName,
        String deviceId,
        String severity,
        String status,
        String startTime,
        String lastTriggered,
        long count) {
    static IncidentView of(Alert a, Incident i) {
        return new IncidentView(
                a.id(),
                a.name(),
                i.deviceId(),
                i.severity().toString(),
                i.state().toString(),
                Times.format(i.startTime()),
                Times.format(i.lastTriggered()),
                i.count());
    }
}
