package io.thingstead.alerts;

import io.thingstead.core.ApiException;
import io.thingstead.devices.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kept incidents as the API lists them (docs/alerts.md: Incidents): a device's, the account's
 * filtered by severity and status, and the device state object's {@code alerts[]} and
 * reachability.
 */
final class IncidentLists {
    private final AlertService alerts;
    private final OpenIncidents incidents;

    IncidentLists(AlertService alerts, OpenIncidents incidents) {
        this.alerts = alerts;
        this.incidents = incidents;
    }

    /** The alerts of the device with an active incident, for its state object, oldest incident first. */
    List<AlertState> state(Device d) {
        List<AlertState> out = new ArrayList<>();
        for (Incident i : incidents.ofDevice(d.id())) {
            Alert a = alerts.find(i.alertId());
            if (i.active() && a != null && a.accountId().equals(d.accountId())) {
                out.add(AlertState.of(a, i));
            }
        }
        return out;
    }

    /** The gateway whose outage holds back an incident of the device, or null. */
    String unreachableThrough(Device d) {
        for (Incident i : incidents.ofDevice(d.id())) {
            if (i.heldBackBy() != null) {
                return i.heldBackBy().gatewayId();
            }
        }
        return null;
    }

    /** The kept incidents of a device of the account, oldest first. */
    List<IncidentView> ofDevice(String accountId, String deviceRef) {
        return views(accountId, incidents.ofDevice(alerts.deviceId(accountId, deviceRef)), null, null);
    }

    /**
     * The account's kept incidents, oldest first, of one severity ({@code warn}/{@code crit}) and
     * status ({@code active}/{@code ack}) when given.
     */
    List<IncidentView> ofAccount(String accountId, String severity, String status) {
        return views(
                accountId,
                incidents.all(),
                oneOf("severity", severity, List.of("warn", "crit")),
                oneOf("status", status, List.of("active", "ack")));
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value.toLowerCase(Locale.ROOT))) {
            throw ApiException.invalid(field, "must be one of " + allowed);
        }
        return value;
    }

    private List<IncidentView> views(String accountId, List<Incident> kept, String severity, String status) {
        List<IncidentView> out = new ArrayList<>();
        for (Incident i : kept) {
            Alert a = alerts.find(i.alertId());
            if (a == null || !a.accountId().equals(accountId)) {
                continue;
            }
            IncidentView v = IncidentView.of(a, i);
            if ((severity == null || v.severity().equalsIgnoreCase(severity))
                    && (status == null || v.status().equalsIgnoreCase(status))) {
                out.add(v);
            }
        }
        return out;
    }
}
