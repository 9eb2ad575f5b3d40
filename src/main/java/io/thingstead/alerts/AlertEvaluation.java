package io.thingstead.alerts;

import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.events.StoredEvent;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.TimeSeries;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates alerts on every stored point of their trigger, as a subscriber of the stream of
 * stored events (docs/alerts.md: Evaluation): after the commit, on the device's lane, so it never
 * delays the writer. Every enabled alert that applies to the device (its own, then its profiles'
 * up the IS-A chain) is evaluated, the incident moves by {@link Incidents}, and what the step
 * asks for runs through {@link Handlers}.
 */
public final class AlertEvaluation implements Consumer<StoredEvent> {
    private static final int HISTORY_LIMIT = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluation.class);

    private final AlertService alerts;
    private final DeviceRegistry devices;
    private final TimeSeries series;
    private final OpenIncidents incidents;
    private final Handlers handlers;
    private final Evaluator evaluator;
    private final InstantSource clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public AlertEvaluation(
            AlertService alerts,
            DeviceRegistry devices,
            TimeSeries series,
            OpenIncidents incidents,
            Handlers handlers,
            InstantSource clock) {
        this.alerts = alerts;
        this.devices = devices;
        this.series = series;
        this.incidents = incidents;
        this.handlers = handlers;
        this.evaluator = new Evaluator(clock);
        this.clock = clock;
    }

    @Override
    public void accept(StoredEvent event) {
        switch (event) {
            case StoredEvent.PointsStored ps -> stored(ps);
            case StoredEvent.DeviceDataDeleted d -> {
                incidents.forget(d.deviceId());
                locks.remove(d.deviceId());
            }
            default -> {}
        }
    }

    private void stored(StoredEvent.PointsStored ps) {
        Device d = devices.get(ps.deviceId());
        if (d == null) {
            return;
        }
        List<Alert> applying = alerts.appliesTo(d);
        for (StoredEvent.Point p : ps.points()) {
            if (!p.kept()) {
                continue;
            }
            for (Alert a : applying) {
                if (a.triggerId().equals(p.propertyId()) && a.status() == Alert.Status.ENABLED) {
                    evaluateAlone(a, d, p);
                }
            }
        }
    }

    /** One alert that fails (a history read, a handler) never keeps the others of the point from running. */
    private void evaluateAlone(Alert a, Device d, StoredEvent.Point p) {
        try {
            evaluate(a, d, p);
        } catch (RuntimeException e) {
            LOG.warn("Alert {} could not be evaluated for device {}", a.id(), d.id(), e);
        }
    }

    private void evaluate(Alert a, Device d, StoredEvent.Point p) {
        DataPoint point = p.point();
        Evaluator.Sample sample = new Evaluator.Sample(
                point.value(), p.previous() == null ? null : p.previous().value(), Instant.ofEpochMilli(point.time()));
        Evaluator.Outcome outcome = evaluator.evaluate(a, sample, (from, to) -> history(d.id(), p, from, to));
        Incidents.Step step;
        synchronized (lock(d.id())) {
            step = Incidents.evaluate(a.id(), d.id(), incidents.get(a.id(), d.id()), outcome, clock.instant());
            incidents.settle(a.id(), d.id(), step);
        }
        handlers.run(a, d, new Handlers.Context(p.property(), sample), step);
    }

    /**
     * {@code DELETE /devices/{ref}/alerts/{ref}/incident}: ends the device's open incident of the
     * alert without {@code recover}; how many it ended (0 or 1).
     */
    public int acknowledge(String accountId, String deviceRef, String alertRef) {
        Alert a = alerts.getOnDevice(accountId, deviceRef, alertRef);
        Device d = devices.get(alerts.deviceId(accountId, deviceRef));
        Incidents.Step step;
        synchronized (lock(d.id())) {
            step = Incidents.acknowledge(incidents.get(a.id(), d.id()));
            incidents.settle(a.id(), d.id(), step);
        }
        handlers.run(a, d, null, step);
        return step.ended() == null ? 0 : 1;
    }

    /** The alerts of the device with an open incident, for its state object, oldest incident first. */
    public List<AlertState> state(Device d) {
        List<AlertState> out = new ArrayList<>();
        for (Incident i : incidents.ofDevice(d.id())) {
            Alert a = alerts.find(i.alertId());
            if (a != null && a.accountId().equals(d.accountId())) {
                out.add(AlertState.of(a, i));
            }
        }
        return out;
    }

    /** The open incidents of a device of the account, oldest first. */
    public List<IncidentView> ofDevice(String accountId, String deviceRef) {
        return views(accountId, incidents.ofDevice(alerts.deviceId(accountId, deviceRef)), null, null);
    }

    /**
     * The account's open incidents, oldest first, of one severity ({@code warn}/{@code crit}) and
     * status ({@code active}) when given.
     */
    public List<IncidentView> ofAccount(String accountId, String severity, String status) {
        return views(
                accountId,
                incidents.all(),
                oneOf("severity", severity, List.of("warn", "crit")),
                oneOf("status", status, List.of("active", "ack")));
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value.toLowerCase(java.util.Locale.ROOT))) {
            throw io.thingstead.core.ApiException.invalid(field, "must be one of " + allowed);
        }
        return value;
    }

    private List<IncidentView> views(String accountId, List<Incident> open, String severity, String status) {
        List<IncidentView> out = new ArrayList<>();
        for (Incident i : open) {
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

    public OpenIncidents incidents() {
        return incidents;
    }

    private Object lock(String deviceId) {
        return locks.computeIfAbsent(deviceId, k -> new Object());
    }

    private List<Evaluator.Point> history(String deviceId, StoredEvent.Point p, Instant from, Instant to) {
        return series
                .history(deviceId, p.propertyId(), from.toEpochMilli(), to.toEpochMilli() + 1, HISTORY_LIMIT, false)
                .stream()
                .map(dp -> new Evaluator.Point(Instant.ofEpochMilli(dp.time()), dp.value()))
                .toList();
    }
}
