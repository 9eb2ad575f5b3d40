package io.thingstead.alerts;

import io.thingstead.core.Times;

/**
 * A kept incident as listed ({@code GET /devices/{ref}/alerts/incidents}, {@code GET
 * /incidents}): its alert, device, severity ({@code warn}/{@code crit}), status ({@code active} or
 * {@code ack}), the matches counted since it opened, and the gateway incident that holds it back
 * (null when none).
 */
public record IncidentView(
        String alertId,
        String alertName,
        String deviceId,
        String severity,
        String status,
        String startTime,
        String lastTriggered,
        long count,
        Incident.HeldBack heldBackBy) {
    static IncidentView of(Alert a, Incident i) {
        return new IncidentView(
                a.id(),
                a.name(),
                i.deviceId(),
                i.severity().toString(),
                i.state().toString(),
                Times.format(i.startTime()),
                Times.format(i.lastTriggered()),
                i.count(),
                i.heldBackBy());
    }
}
