package io.thingstead.ingest;

import io.thingstead.activity.ActivityTracker;
import io.thingstead.core.Subscription;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceListener;
import io.thingstead.events.EventStream;
import io.thingstead.events.StoredEvent;
import io.thingstead.profiles.Builtins;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.LogLevel;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code active} right: {@code unknown} while {@code period} is 0, a deadline per device in
 * memory otherwise, checked every {@value #CHECK_MS} ms, and rebuilt from the stored values at
 * start. Device changes (created, period changed, deleted) take effect at once.
 */
public final class Activity implements DeviceListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Activity.class);
    static final long CHECK_MS = 200;

    private final ActivityTracker tracker;
    private final LatestValues latest;
    private final Builtin builtin;
    private final Writer writer;
    private final InstantSource clock;
    private final Subscription view;
    /** What the last check submitted (guarded by this). */
    private CompletableFuture<?> lastCheckWrite = CompletableFuture.completedFuture(null);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("thingstead-activity").daemon(true).unstarted(r));

    public Activity(
            ActivityTracker tracker,
            LatestValues latest,
            Builtin builtin,
            Writer writer,
            EventStream events,
            InstantSource clock) {
        this.tracker = tracker;
        this.latest = latest;
        this.builtin = builtin;
        this.writer = writer;
        this.clock = clock;
        this.view = events.view("activity", this::apply);
    }

    /** A stored {@code active} value is what the tracker holds from then on (README: Data, builtins). */
    private void apply(StoredEvent e) {
        if (e instanceof StoredEvent.PointsStored stored) {
            for (StoredEvent.Point p : stored.points()) {
                if (p.kept() && p.latest() && Builtins.ACTIVE_ID.equals(p.propertyId())) {
                    tracker.stored(stored.deviceId(), isActive(p.point()));
                }
            }
        }
    }

    /**
     * Rebuilds the deadlines from the stored values, then starts checking them. The last inbound
     * traffic of a device is its latest {@code lastIn} (or its {@code active} transition); a
     * gateway writing for its edges leaves no {@code lastIn} of its own, so the {@code lastIn} of
     * every device its key acts for ({@code actsFor}) counts too.
     */
    public void start(Collection<Device> devices, Function<String, List<String>> actsFor) {
        long now = clock.millis();
        for (Device d : devices) {
            if (d.period() > 0) {
                DataPoint active = latest.get(d.id(), Builtins.ACTIVE_ID);
                boolean isActive = isActive(active);
                Long from = null;
                for (String id : with(d.id(), actsFor.apply(d.id()))) {
                    DataPoint lastIn = latest.get(id, Builtins.LAST_IN_ID);
                    if (lastIn != null && (from == null || lastIn.time() > from)) {
                        from = lastIn.time();
                    }
                }
                if (from == null && active != null) {
                    from = active.time();
                }
                tracker.track(d.id(), d.period(), from, isActive, now);
            }
        }
        timer.scheduleWithFixedDelay(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether a stored {@code active} (null: none) says active. */
    private static boolean isActive(DataPoint active) {
        return active != null && Builtins.Active.of(active.value()) == Builtins.Active.ACTIVE;
    }

    private static List<String> with(String self, List<String> others) {
        List<String> out = new ArrayList<>(others.size() + 1);
        out.add(self);
        others.stream().filter(id -> !id.equals(self)).forEach(out::add);
        return out;
    }

    /**
     * Marks every device whose deadline passed as inactive; only the transition is written. The
     * timer calls it every {@value #CHECK_MS} ms; one check runs at a time.
     */
    synchronized void check() {
        try {
            long now = clock.millis();
            List<String> expired = tracker.expired(now);
            if (expired.isEmpty()) {
                return;
            }
            List<Writer.Item> items = new ArrayList<>(expired.size());
            List<LogEntry> logs = new ArrayList<>();
            for (String id : expired) {
                DataPoint current = latest.get(id, Builtins.ACTIVE_ID);
                if (current != null && Builtins.Active.of(current.value()) == Builtins.Active.INACTIVE) {
                    continue;
                }
                items.add(builtin.item(id, Builtins.ACTIVE_ID, now, Builtins.Active.INACTIVE.node()));
                logs.add(builtin.log(id, now, LogLevel.INFO, "Activity", "inactive: no traffic within the period"));
            }
            if (!items.isEmpty()) {
                lastCheckWrite = writer.submit(items, logs);
            }
        } catch (RuntimeException e) {
            LOG.error("Activity check failed", e);
        }
    }

    /**
     * Checks the deadlines at the clock's time now, without waiting for the timer, and returns once
     * the transitions found (by this check or the timer's last one) are stored: a test moves its
     * clock and then checks, instead of waiting for real time to pass.
     */
    public void checkNow() {
        CompletableFuture<?> written;
        synchronized (this) {
            check();
            written = lastCheckWrite;
        }
        stored(written);
    }

    @Override
    public void created(List<Device> devices) {
        long now = clock.millis();
        List<Writer.Item> items = new ArrayList<>(devices.size());
        for (Device d : devices) {
            items.add(builtin.item(d.id(), Builtins.ACTIVE_ID, now, Builtins.Active.UNKNOWN.node()));
            tracker.track(d.id(), d.period(), null, false, now);
        }
        stored(writer.submit(items, List.of()));
    }

    @Override
    public void updated(Device before, Device after) {
        if (before.period() == after.period()) {
            return;
        }
        long now = clock.millis();
        if (after.period() <= 0) {
            tracker.forget(after.id());
            stored(writer.submit(
                    List.of(builtin.item(after.id(), Builtins.ACTIVE_ID, now, Builtins.Active.UNKNOWN.node())),
                    List.of()));
            return;
        }
        DataPoint lastIn = latest.get(after.id(), Builtins.LAST_IN_ID);
        DataPoint active = latest.get(after.id(), Builtins.ACTIVE_ID);
        boolean isActive = isActive(active);
        tracker.track(after.id(), after.period(), lastIn == null ? null : lastIn.time(), isActive, now);
    }

    /**
     * Waits until a builtin written for an admin change is stored, so that a read right after the
     * change sees it; the change itself is already committed, so a failure is only logged.
     */
    private static void stored(CompletableFuture<?> done) {
        try {
            done.join();
        } catch (CompletionException | CancellationException e) {
            LOG.error("Storing a builtin value failed", e);
        }
    }

    @Override
    public void close() {
        view.close();
        timer.shutdownNow();
    }
}
