package io.thingstead.methods;

import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.Spans;
import io.thingstead.core.Times;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.events.StoredEvent;
import io.thingstead.ingest.RejectionLog;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LogLevel;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a device's methods bound to an input property when a point of it is stored
 * (docs/methods.md: Bound input), as a subscriber of the stored events: after the commit, on the
 * device's lane, whoever wrote the point. Only a kept point that becomes the series' latest value,
 * no older than the method's {@code inputTTL}, starts a run, and only of a method that is not
 * quarantined on an enabled device. The lane never waits for a run: the run starts on a script
 * thread through {@link MethodInvoker#start}, and while it runs the newest value of its input
 * waits behind it ({@link PendingRuns}), the values it replaces skipped and counted in the device
 * log. A run started by a method's write runs one level deeper than that method, so a chain of
 * methods writing each other's inputs stops at the nesting limit. Whatever does not run is a line
 * in the device log (within the device's share of such lines), never a silent drop.
 */
public final class BoundInputs implements Consumer<StoredEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(BoundInputs.class);
    /** The device log type of a bound run that could not run. */
    static final String REJECTED = "MethodRejected";
    /** The device log type of values skipped while a bound run ran. */
    static final String SKIPPED = "MethodInput";

    private final MethodCatalog catalog;
    private final MethodInstances instances;
    private final DeviceRegistry devices;
    private final MethodInvoker invoker;
    private final DeviceLog log;
    private final RejectionLog share;
    private final InstantSource clock;
    private final PendingRuns<Key, Run> pending = new PendingRuns<>();

    private record Key(String deviceId, String methodId) {}

    /** One value of the input to run the method with, at {@code depth}. */
    private record Run(String deviceId, ResolvedMethod method, String input, DataPoint point, int depth) {
        String named() {
            return "method '" + method.method().name() + "'";
        }

        String written() {
            return "its input '" + input + "' written at " + Times.format(Instant.ofEpochMilli(point.time()));
        }
    }

    public BoundInputs(
            MethodCatalog catalog,
            MethodInstances instances,
            DeviceRegistry devices,
            MethodInvoker invoker,
            DeviceLog log,
            DeviceRuntime runtime,
            InstantSource clock) {
        this.catalog = catalog;
        this.instances = instances;
        this.devices = devices;
        this.invoker = invoker;
        this.log = log;
        this.share = new RejectionLog(runtime, "lines of bound methods");
        this.clock = clock;
    }

    /**
     * Whether the event may start a run: points of a property some method is bound to. Memory only,
     * cheap: the event stream asks it on the writer's thread, so other events never reach a lane.
     */
    public boolean wanted(StoredEvent event) {
        if (event instanceof StoredEvent.PointsStored ps) {
            for (StoredEvent.Point p : ps.points()) {
                if (catalog.isInput(p.propertyId())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void accept(StoredEvent event) {
        if (!(event instanceof StoredEvent.PointsStored ps)) {
            return;
        }
        Device d = devices.get(ps.deviceId());
        if (d == null || d.status() == Device.Status.DISABLED) {
            return;
        }
        int depth = (ps.principal() instanceof Principal.Method m ? m.depth() : 0) + 1;
        for (StoredEvent.Point p : ps.points()) {
            if (!p.kept() || !p.latest()) {
                continue;
            }
            for (ResolvedMethod m : catalog.boundTo(d, p.propertyId())) {
                if (!instances.isDisabled(d.id(), m.id()) && !stale(m, p.point())) {
                    Run run = new Run(d.id(), m, p.property().name(), p.point(), depth);
                    Key key = new Key(d.id(), m.id());
                    if (pending.offer(key, run)) {
                        start(key, run);
                    }
                }
            }
        }
    }

    /**
     * Starts {@code first} (null: the value waiting, once a run has ended), or the value waiting
     * behind it if it cannot start, until one starts or none is left. Should the platform fail on the
     * way, the key is made idle, so that the next value of the input starts afresh rather than
     * waiting behind a run that will never end.
     */
    private void start(Key key, Run first) {
        try {
            Run run = first != null ? first : next(key);
            while (run != null && !started(key, run)) {
                run = next(key);
            }
        } catch (RuntimeException e) {
            int dropped = pending.forget(key);
            LOG.warn(
                    "The bound method {} of device {} could not be started ({} waiting value dropped)",
                    key.methodId(),
                    key.deviceId(),
                    dropped,
                    e);
        }
    }

    private boolean started(Key key, Run run) {
        Device d = devices.get(run.deviceId());
        if (d == null) {
            return false;
        }
        if (stale(run.method(), run.point())) {
            logged(
                    run,
                    LogLevel.INFO,
                    REJECTED,
                    "is older than its inputTTL " + run.method().method().inputTTL()
                            + " by the time the run before it ended");
            return false;
        }
        try {
            invoker.start(d, run.method(), run.point().value(), run.depth(), () -> start(key, null));
            return true;
        } catch (ApiException refused) {
            logged(run, LogLevel.WARNING, REJECTED, refused.getMessage());
            return false;
        } catch (RuntimeException e) {
            logged(run, LogLevel.ERROR, REJECTED, "the platform failed to start it (" + e.getMessage() + ")");
            return false;
        }
    }

    /** The value waiting for the key, saying in the device log how many it replaced; null when none waits. */
    private Run next(Key key) {
        PendingRuns.Next<Run> next = pending.finished(key);
        if (next == null) {
            return null;
        }
        Run run = next.value();
        if (next.skipped() > 0) {
            write(
                    run.deviceId(),
                    LogLevel.INFO,
                    SKIPPED,
                    run.named() + ": " + next.skipped() + " values of its input '"
                            + run.input()
                            + "' arrived while it ran and were skipped; it runs next with the newest, written at "
                            + Times.format(Instant.ofEpochMilli(run.point().time())));
        }
        return run;
    }

    /** Whether the point is older than the method's {@code inputTTL} on the clock. */
    private boolean stale(ResolvedMethod m, DataPoint point) {
        String ttl = m.method().inputTTL();
        if (ttl == null) {
            return false;
        }
        return point.time() < clock.millis() - Spans.parse("inputTTL", ttl).toMillis();
    }

    private void logged(Run run, LogLevel level, String type, String why) {
        write(run.deviceId(), level, type, run.named() + " was not run for " + run.written() + ": " + why);
    }

    private void write(String deviceId, LogLevel level, String type, String message) {
        String admitted = share.admit(deviceId, clock.millis(), message);
        if (admitted != null) {
            log.write(deviceId, level, type, admitted);
        }
    }
}
