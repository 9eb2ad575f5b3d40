package io.thingstead.alerts;

import io.thingstead.core.Ids;
import io.thingstead.core.Times;
import io.thingstead.devices.Device;
import io.thingstead.profiles.Property;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Does what an incident step asks for (docs/alerts.md: Handlers): a device log line for each
 * incident event, and the handlers of a chain, of {@code recover} or of a {@code notification}
 * condition. A {@code log} notification writes its message, template variables filled, to the
 * device log at its level; every other action goes to the {@link Notifier}, which delivers it
 * without making the evaluation wait. A chain runs here up to its first {@code timeout}; the
 * handler after it is the incident's pending one, run when due by {@link AlertTimers}.
 */
public final class Handlers {
    static final String LOG_TYPE = "Alert";

    /**
     * The write that was evaluated: its property and sample (null for an acknowledgement), and
     * {@code depth} as {@link Outgoing#depth}.
     */
    public record Context(Property property, Evaluator.Sample sample, int depth) {}

    private final Consumer<List<LogEntry>> deviceLog;
    private final Ids ids;
    private final InstantSource clock;
    private final Notifier notifier;

    /** Without a {@link Notifier}: every action but {@code log} writes a line saying it was not sent. */
    public Handlers(Consumer<List<LogEntry>> deviceLog, Ids ids, InstantSource clock) {
        this(deviceLog, ids, clock, null);
    }

    /**
     * {@code deviceLog} stores entries in the device log (through the store writer); {@code
     * notifier} delivers webhooks, e-mails, SMS and method calls.
     */
    public Handlers(Consumer<List<LogEntry>> deviceLog, Ids ids, InstantSource clock, Notifier notifier) {
        this.deviceLog = deviceLog;
        this.ids = ids;
        this.clock = clock;
        this.notifier = notifier;
    }

    void run(Alert a, Device d, Context ctx, Incidents.Step step) {
        List<LogEntry> out = new ArrayList<>();
        for (Incidents.Action action : step.actions()) {
            switch (action) {
                case Incidents.Action.Log l -> out.add(entry(d, incidentLevel(l.event()), incidentLine(a, l)));
                case Incidents.Action.StartChain s -> chain(a, d, ctx, a.condition(s.severity()), out);
                case Incidents.Action.RunRecover r -> {
                    if (a.recover() != null) {
                        notify(a, d, ctx, a.recover(), out);
                    }
                }
                case Incidents.Action.RunPassThrough p -> {
                    for (Handler h : Chains.passThrough(a.condition(Condition.Severity.NOTIFICATION))) {
                        notify(a, d, ctx, h, out);
                    }
                }
                case Incidents.Action.CancelChain c -> {}
            }
        }
        if (!out.isEmpty()) {
            deviceLog.accept(out);
        }
    }

    /** Runs the chain from its first handler while the next is due at once (see {@link Chains#plan}). */
    private void chain(Alert a, Device d, Context ctx, Condition c, List<LogEntry> out) {
        if (c == null) {
            return;
        }
        for (Handler h : Chains.plan(c, c.handlers().get(0), clock.instant()).run()) {
            notify(a, d, ctx, h, out);
        }
    }

    /** Runs the handlers a timer reached ({@link Chains.Plan#run}), in order. */
    void run(Alert a, Device d, Context ctx, List<Handler> due) {
        List<LogEntry> out = new ArrayList<>();
        for (Handler h : due) {
            notify(a, d, ctx, h, out);
        }
        if (!out.isEmpty()) {
            deviceLog.accept(out);
        }
    }

    private void notify(Alert a, Device d, Context ctx, Handler h, List<LogEntry> out) {
        Notification n = a.notification(h.notification());
        Map<String, String> vars = variables(a, d, ctx);
        switch (n) {
            case Notification.Log l ->
                out.add(entry(d, l.level() == null ? LogLevel.INFO : l.level(), Templates.render(l.message(), vars)));
            case null ->
                out.add(entry(
                        d,
                        LogLevel.ERROR,
                        "Alert " + a.name() + ": handler " + h.key() + " names the notification '" + h.notification()
                                + "' that does not exist"));
            default -> {
                Outgoing o = new Outgoing(a, d, n, vars, ctx == null ? 0 : ctx.depth());
                if (notifier != null) {
                    notifier.send(o);
                } else {
                    out.add(entry(
                            d, LogLevel.WARNING, o.describe() + " not sent: notifications are not delivered here"));
                }
            }
        }
    }

    /** The template variables of docs/alerts.md: Template variables. */
    static Map<String, String> variables(Alert a, Device d, Context ctx) {
        Map<String, String> v = new HashMap<>();
        v.put("account.id", a.accountId());
        v.put("alert.id", a.id());
        v.put("alert.name", a.name());
        v.put("device.id", d.id());
        v.put("device.name", d.name());
        if (d.apps() != null && !d.apps().isEmpty()) {
            v.put("app.id", d.apps().get(0));
        }
        if (ctx != null) {
            v.put("property.id", ctx.property().id());
            v.put("property.name", ctx.property().name());
            v.put("value", text(ctx.sample().value()));
            v.put("last_value", text(ctx.sample().previous()));
            v.put("timestamp", Times.format(ctx.sample().time()));
        }
        return v;
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        return n.isTextual() ? n.textValue() : n.toString();
    }

    private static LogLevel incidentLevel(Incidents.Event e) {
        return e == Incidents.Event.OPENED || e == Incidents.Event.RAISED || e == Incidents.Event.RELEASED
                ? LogLevel.WARNING
                : LogLevel.INFO;
    }

    private static String incidentLine(Alert a, Incidents.Action.Log l) {
        String what = switch (l.event()) {
            case OPENED -> "opened at";
            case RAISED -> "raised to";
            case CLEARED -> "cleared at";
            case ACKNOWLEDGED -> "acknowledged at";
            case HELD_BACK -> "opened at";
            case RELEASED -> "released at";
        };
        return "Alert " + a.name() + " (" + a.id() + "): incident " + what + " " + l.severity()
                + (l.detail() == null ? "" : ", " + l.detail());
    }

    private LogEntry entry(Device d, LogLevel level, String message) {
        return new LogEntry(ids.next("log"), d.id(), Times.format(clock.instant()), level, LOG_TYPE, message);
    }
}
