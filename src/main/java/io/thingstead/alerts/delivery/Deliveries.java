package io.thingstead.alerts.delivery;

import io.thingstead.alerts.Notification;
import io.thingstead.alerts.Notifier;
import io.thingstead.alerts.Outgoing;
import io.thingstead.alerts.Templates;
import io.thingstead.core.Ids;
import io.thingstead.devices.Device;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook, e-mail, SMS and method notifications off the evaluation's thread (docs/alerts.md:
 * Notifications): {@link #send} queues and returns at once; workers bounded per destination (a
 * webhook host, the SMTP server, the SMS provider, one device's methods) deliver, and every
 * outcome is a device log line. A notification the queue cannot take is not sent and says so in
 * its device log, at most one line per device every {@link #OVERFLOW_LINE_EVERY} (the next line
 * counts those in between), and in {@link #overflowed}.
 */
public final class Deliveries implements Notifier, AutoCloseable {
    static final Duration OVERFLOW_LINE_EVERY = Duration.ofSeconds(10);
    /**
     * Devices whose overflow lines are remembered before those whose last line is older than
     * {@link #OVERFLOW_LINE_EVERY} are forgotten (their next line starts a new count).
     */
    static final int OVERFLOW_DEVICES_KEPT = 1_024;

    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private final DeviceLog log;
    private final InstantSource clock;
    private final Lanes lanes;
    private final Webhooks webhooks;
    private final Mail mail;
    private final SmsProvider sms;
    private final MethodCalls methods;
    private final AtomicLong overflowed = new AtomicLong();
    private final Map<String, Overflow> overflowByDevice = new ConcurrentHashMap<>();
    private volatile Instant lastPrune = Instant.MIN;

    /** Overflow lines of one device: when the last was written, and how many were left out since. */
    private record Overflow(Instant lastLine, long leftOut) {}

    /**
     * {@code deviceLog} stores device log entries (through the store writer); {@code sms} may be
     * null (none configured); {@code methods} calls a device's methods.
     */
    public Deliveries(
            DeliverySettings settings,
            Consumer<List<LogEntry>> deviceLog,
            Ids ids,
            InstantSource clock,
            SmsProvider sms,
            MethodCalls methods) {
        this.log = new DeviceLog(deviceLog, ids, clock);
        this.clock = clock;
        this.lanes = new Lanes(settings.queue(), settings.perDestination(), DRAIN);
        this.webhooks = new Webhooks(settings);
        this.mail = settings.smtp() == null ? null : new Mail(settings.smtp(), settings.timeout());
        this.sms = sms;
        this.methods = methods;
    }

    @Override
    public void send(Outgoing o) {
        String url = o.notification() instanceof Notification.Webhook w ? Webhooks.url(w, o.variables()) : null;
        Lanes.Job job = new Lanes.Job() {
            @Override
            public void run() {
                report(o, deliver(o, url));
            }

            @Override
            public void dropped(String reason) {
                report(o, new Outcome.NotSent(reason));
            }
        };
        if (!lanes.offer(destination(o, url), job)) {
            if (lanes.closed()) {
                job.dropped("the server is stopping");
            } else {
                overflow(o);
            }
        }
    }

    private static String destination(Outgoing o, String url) {
        return switch (o.notification()) {
            case Notification.Webhook w -> "webhook " + Webhooks.origin(url);
            case Notification.Email e -> "smtp";
            case Notification.Sms s -> "sms";
            case Notification.Method m -> "method " + o.device().id();
            case Notification.Log l -> throw new IllegalArgumentException("log notifications are not delivered here");
        };
    }

    private Outcome deliver(Outgoing o, String url) {
        Map<String, String> vars = o.variables();
        return switch (o.notification()) {
            case Notification.Webhook w ->
                webhooks.send(w, url, vars, line -> log.write(o.device(), LogLevel.WARNING, o.describe() + " " + line));
            case Notification.Email e ->
                mail == null
                        ? new Outcome.NotSent("no SMTP server configured")
                        : mail.send(o.alert().name(), e, vars);
            case Notification.Sms s ->
                sms == null
                        ? new Outcome.NotSent("no SMS provider configured")
                        : sms.send(Templates.render(s.to(), vars), Templates.render(s.message(), vars));
            case Notification.Method m -> methods.call(o.device(), m.method(), m.parameter(), o.depth());
            case Notification.Log l -> throw new IllegalArgumentException("log notifications are not delivered here");
        };
    }

    private void report(Outgoing o, Outcome outcome) {
        Device d = o.device();
        switch (outcome) {
            case Outcome.Sent s -> log.write(d, LogLevel.INFO, o.describe() + " sent: " + s.detail());
            case Outcome.Failed f -> log.write(d, LogLevel.ERROR, o.describe() + " not sent: " + f.reason());
            case Outcome.NotSent n -> log.write(d, LogLevel.WARNING, o.describe() + " not sent: " + n.reason());
        }
    }

    /** A notification the queue could not take: counted, and a device log line unless one was written lately. */
    private void overflow(Outgoing o) {
        long total = overflowed.incrementAndGet();
        Instant now = clock.instant();
        // at most once a window: a full queue may refuse thousands a second
        if (overflowByDevice.size() > OVERFLOW_DEVICES_KEPT && !now.isBefore(lastPrune.plus(OVERFLOW_LINE_EVERY))) {
            lastPrune = now;
            overflowByDevice.values().removeIf(e -> !now.isBefore(e.lastLine().plus(OVERFLOW_LINE_EVERY)));
        }
        long[] leftOut = {-1};
        overflowByDevice.compute(o.device().id(), (id, last) -> {
            if (last == null || !now.isBefore(last.lastLine().plus(OVERFLOW_LINE_EVERY))) {
                leftOut[0] = last == null ? 0 : last.leftOut();
                return new Overflow(now, 0);
            }
            return new Overflow(last.lastLine(), last.leftOut() + 1);
        });
        if (leftOut[0] >= 0) {
            String more = leftOut[0] == 0
                    ? ""
                    : " (" + leftOut[0] + " more of this device's were not sent since the last such line)";
            log.write(
                    o.device(),
                    LogLevel.ERROR,
                    o.describe() + " not sent: too many notifications are waiting to be delivered" + more);
            LOG.warn("Notification queue full: {} notifications not sent so far", total);
        }
    }

    /** How many devices' overflow lines are remembered; for tests. */
    int overflowDevices() {
        return overflowByDevice.size();
    }

    /** Notifications not sent because the queue was full, since the start. */
    public long overflowed() {
        return overflowed.get();
    }

    /** Drains what was queued for a few seconds, then stops the rest (each says so in its device log). */
    @Override
    public void close() {
        lanes.close();
        webhooks.close();
    }
}
