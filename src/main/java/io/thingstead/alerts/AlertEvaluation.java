package io.thingstead.alerts;

import io.thingstead.accounts.Principal;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.events.StoredEvent;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.Property;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.TimeSeries;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates alerts on every stored point of their trigger that becomes its latest value, as a
 * subscriber of the stream of stored events (docs/alerts.md: Evaluation): after the commit, on the
 * device's lane, so it never delays the writer. Every enabled alert that applies to the device
 * (its own, then its profiles' up the IS-A chain) is evaluated, the incident moves by {@link
 * Incidents}, and what the step asks for runs through {@link Handlers}. Each transition of a
 * device's incidents holds the device's lock while it reads and settles them; the handlers run
 * after. The timers ({@link AlertTimers}) and the gateway hold-back move incidents the same way.
 */
public final class AlertEvaluation implements Consumer<StoredEvent> {
    private static final int HISTORY_LIMIT = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluation.class);

    private final AlertService alerts;
    private final DeviceRegistry devices;
    private final TimeSeries series;
    private final LatestValues latest;
    private final ProfileCatalog catalog;
    private final OpenIncidents incidents;
    private final Gateways gateways;
    private final Handlers handlers;
    private final Evaluator evaluator;
    private final IncidentLists lists;
    private final InstantSource clock;

    /** What the evaluation reads: alerts, devices, their properties, history and latest values. */
    public record Reads(
            AlertService alerts,
            DeviceRegistry devices,
            ProfileCatalog catalog,
            TimeSeries series,
            LatestValues latest) {}

    public AlertEvaluation(
            Reads reads, OpenIncidents incidents, Gateways gateways, Handlers handlers, InstantSource clock) {
        this.alerts = reads.alerts();
        this.devices = reads.devices();
        this.catalog = reads.catalog();
        this.series = reads.series();
        this.latest = reads.latest();
        this.incidents = incidents;
        this.gateways = gateways;
        this.handlers = handlers;
        this.evaluator = new Evaluator(clock);
        this.lists = new IncidentLists(alerts, incidents);
        this.clock = clock;
    }

    @Override
    public void accept(StoredEvent event) {
        switch (event) {
            case StoredEvent.PointsStored ps -> {
                gateways.spoke(ps.deviceId(), ps.principal());
                stored(ps);
            }
            case StoredEvent.DeviceDataDeleted d -> incidents.forget(d.deviceId());
            default -> {}
        }
    }

    /**
     * Evaluates the kept points that become the latest value of their series; a backfilled point,
     * older than the latest, is stored but not evaluated (docs/alerts.md: Evaluation).
     */
    private void stored(StoredEvent.PointsStored ps) {
        Device d = devices.get(ps.deviceId());
        if (d == null) {
            return;
        }
        List<Alert> applying = alerts.appliesTo(d);
        for (StoredEvent.Point p : ps.points()) {
            if (!p.kept() || !p.latest()) {
                continue;
            }
            for (Alert a : applying) {
                if (a.triggerId().equals(p.propertyId()) && a.status() == Alert.Status.ENABLED) {
                    evaluateAlone(a, d, p, depth(ps.principal()));
                }
            }
        }
    }

    /** One alert that fails (a history read, a handler) never keeps the others of the point from running. */
    private void evaluateAlone(Alert a, Device d, StoredEvent.Point p, int depth) {
        try {
            evaluate(a, d, p, depth);
        } catch (RuntimeException e) {
            LOG.warn("Alert {} could not be evaluated for device {}", a.id(), d.id(), e);
        }
    }

    /** How many method runs deep a write was: a method's own depth, 0 for anyone else's. */
    private static int depth(Principal writer) {
        return writer instanceof Principal.Method m ? m.depth() : 0;
    }

    private void evaluate(Alert a, Device d, StoredEvent.Point p, int depth) {
        DataPoint point = p.point();
        Evaluator.Sample sample = new Evaluator.Sample(
                point.value(), p.previous() == null ? null : p.previous().value(), Instant.ofEpochMilli(point.time()));
        Evaluator.Outcome outcome =
                evaluator.evaluate(a, sample, (from, to) -> history(d.id(), a.triggerId(), from, to));
        Instant now = clock.instant();
        Incidents.Step step = transition(a, d, new Handlers.Context(p.property(), sample, depth), current -> {
            Incidents.Step s = Incidents.evaluate(a.id(), d.id(), current, outcome, now);
            return s.opens() ? holdIfBehind(a, d, s) : s;
        });
        if (step.ended() != null && step.open() == null && Gateways.DOWN.contains(a.triggerId())) {
            releaseBehind(d.id());
        }
    }

    /**
     * {@code DELETE /devices/{ref}/alerts/{ref}/incident}: acknowledges the device's active
     * incident of the alert (kept as {@code ack}, its chain cancelled, no {@code recover}); how many
     * it acknowledged (0 or 1).
     */
    public int acknowledge(String accountId, String deviceRef, String alertRef) {
        Alert a = alerts.getOnDevice(accountId, deviceRef, alertRef);
        Device d = devices.get(alerts.deviceId(accountId, deviceRef));
        return transition(a, d, null, Incidents::acknowledge).ended() == null ? 0 : 1;
    }

    /**
     * Moves the device's incident of the alert by {@code move} under the device's lock, stores the
     * pending handler of a chain it starts with the incident, settles it, then runs what it asks.
     */
    private Incidents.Step transition(
            Alert a, Device d, Handlers.Context ctx, Function<Incident, Incidents.Step> move) {
        Incidents.Step step;
        synchronized (incidents.lock(d.id())) {
            step = schedule(a, move.apply(incidents.get(a.id(), d.id())), clock.instant());
            incidents.settle(a.id(), d.id(), step);
        }
        handlers.run(a, d, ctx, step);
        return step;
    }

    /** A step that starts a chain keeps the chain's first pending handler with its incident. */
    private static Incidents.Step schedule(Alert a, Incidents.Step step, Instant now) {
        for (Incidents.Action action : step.actions()) {
            if (action instanceof Incidents.Action.StartChain s && step.open() != null) {
                Condition c = a.condition(s.severity());
                if (c == null) {
                    return step;
                }
                Chains.Plan plan = Chains.plan(c, c.handlers().get(0), now);
                return new Incidents.Step(step.open().withPending(plan.pending()), step.ended(), step.actions());
            }
        }
        return step;
    }

    /**
     * Runs the incident's pending handler when it is due at {@code now} (and the chain on to its
     * next timeout), unless the incident moved since: each timer runs once.
     */
    void fire(Incident due, Instant now) {
        Alert a = alerts.find(due.alertId());
        Device d = devices.get(due.deviceId());
        if (a == null || d == null) {
            return;
        }
        Chains.Plan[] plan = {null};
        Handlers.Context ctx = latestContext(a, d.id());
        transition(a, d, ctx, current -> {
            if (current == null || !current.equals(due)) {
                return new Incidents.Step(current, null, List.of());
            }
            Condition c = a.condition(current.severity().condition());
            Handler h = c == null ? null : c.handler(current.pending().handlerKey());
            plan[0] = h == null ? new Chains.Plan(List.of(), null) : Chains.plan(c, h, now);
            return new Incidents.Step(current.withPending(plan[0].pending()), null, List.of());
        });
        if (plan[0] != null) {
            handlers.run(a, d, ctx, plan[0].run());
        }
    }

    /** A step opening an incident the outage of the device's gateway explains opens it held back. */
    private Incidents.Step holdIfBehind(Alert a, Device d, Incidents.Step opening) {
        if (!Gateways.EXPLAINED.contains(a.triggerId())) {
            return opening;
        }
        String gateway = gateways.of(d.id());
        Incident.HeldBack by = gateway == null ? null : holder(gateway);
        return by == null ? opening : Incidents.holdBack(opening, by);
    }

    /**
     * What says the gateway is down, or null: its own incident on {@code active} or {@code
     * connectionStatus} (active or acknowledged, not itself held back), or an alert of it on one of
     * those whose incident is about to open (its latest value matches; its own evaluation, on its
     * own lane, may run after its devices').
     */
    Incident.HeldBack holder(String gatewayId) {
        for (Incident i : incidents.ofDevice(gatewayId)) {
            Alert a = alerts.find(i.alertId());
            if (a != null && Gateways.DOWN.contains(a.triggerId()) && i.heldBackBy() == null) {
                return new Incident.HeldBack(gatewayId, a.id());
            }
        }
        Device g = devices.get(gatewayId);
        if (g == null) {
            return null;
        }
        for (Alert a : alerts.appliesTo(g)) {
            if (a.status() == Alert.Status.ENABLED
                    && Gateways.DOWN.contains(a.triggerId())
                    && incidents.get(a.id(), gatewayId) == null) {
                Evaluator.Outcome o = latestOutcome(a, gatewayId);
                if (o != null && !o.skipped() && o.severity() != null && Incident.Level.of(o.severity()) != null) {
                    return new Incident.HeldBack(gatewayId, a.id());
                }
            }
        }
        return null;
    }

    /** The gateway's incident ended: the incidents it held back are evaluated again. */
    private void releaseBehind(String gatewayId) {
        for (String deviceId : gateways.behind(gatewayId)) {
            for (Incident i : incidents.ofDevice(deviceId)) {
                if (i.heldBackBy() != null && i.heldBackBy().gatewayId().equals(gatewayId)) {
                    releaseIfUp(i);
                }
            }
        }
    }

    /**
     * Once nothing says its gateway is down, a held-back incident is evaluated again on the
     * device's latest value: cleared quietly when it no longer matches, its chain started if it does.
     */
    void releaseIfUp(Incident held) {
        Alert a = alerts.find(held.alertId());
        Device d = devices.get(held.deviceId());
        if (a == null || d == null || holder(held.heldBackBy().gatewayId()) != null) {
            return;
        }
        Evaluator.Outcome outcome = latestOutcome(a, d.id());
        transition(
                a,
                d,
                latestContext(a, d.id()),
                current -> current == null || current.heldBackBy() == null
                        ? new Incidents.Step(current, null, List.of())
                        : Incidents.release(current, outcome));
    }

    /** The alert evaluated on the device's latest value of its trigger, or null when it has none. */
    private Evaluator.Outcome latestOutcome(Alert a, String deviceId) {
        DataPoint p = latest.get(deviceId, a.triggerId());
        if (p == null) {
            return null;
        }
        Evaluator.Sample sample = new Evaluator.Sample(p.value(), null, Instant.ofEpochMilli(p.time()));
        return evaluator.evaluate(a, sample, (from, to) -> history(deviceId, a.triggerId(), from, to));
    }

    /** The template context of a handler run by a timer or a release: the trigger's latest value. */
    private Handlers.Context latestContext(Alert a, String deviceId) {
        DataPoint p = latest.get(deviceId, a.triggerId());
        Property property = catalog.property(a.triggerId());
        return p == null || property == null
                ? null
                : new Handlers.Context(
                        property, new Evaluator.Sample(p.value(), null, Instant.ofEpochMilli(p.time())), 0);
    }

    /** The alerts of the device with an active incident, for its state object's {@code alerts[]}. */
    public List<AlertState> state(Device d) {
        return lists.state(d);
    }

    /** The gateway whose outage holds back an incident of the device (it is unreachable), or null. */
    public String unreachableThrough(Device d) {
        return lists.unreachableThrough(d);
    }

    /** The kept incidents of a device of the account, oldest first. */
    public List<IncidentView> ofDevice(String accountId, String deviceRef) {
        return lists.ofDevice(accountId, deviceRef);
    }

    /** The account's kept incidents, oldest first, of one severity and status when given. */
    public List<IncidentView> ofAccount(String accountId, String severity, String status) {
        return lists.ofAccount(accountId, severity, status);
    }

    public OpenIncidents incidents() {
        return incidents;
    }

    private List<Evaluator.Point> history(String deviceId, String propertyId, Instant from, Instant to) {
        return series
                .history(deviceId, propertyId, from.toEpochMilli(), to.toEpochMilli() + 1, HISTORY_LIMIT, false)
                .stream()
                .map(dp -> new Evaluator.Point(Instant.ofEpochMilli(dp.time()), dp.value()))
                .toList();
    }
}
