package io.thingstead.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.thingstead.activity.ActivityTracker;
import io.thingstead.core.Ids;
import io.thingstead.devices.Device;
import io.thingstead.events.EventStream;
import io.thingstead.events.Source;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.testing.Entities;
import io.thingstead.testing.InMemoryTimeSeries;
import io.thingstead.testing.MutableClock;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The activity check without a server: a clock moved by hand, the check run when the test says. */
class ActivityTest {
    static final Instant START = Instant.parse("2031-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryTimeSeries series = new InMemoryTimeSeries();
    private final LatestValues latest = new LatestValues();
    private final ProfileCatalog catalog = new ProfileCatalog();
    private final ActivityTracker tracker = new ActivityTracker(DeviceRuntime.singleNode());
    private final Builtin builtin = new Builtin(catalog, latest, tracker, new Ids(clock, 0));
    private final EventStream events = new EventStream();
    private final Writer writer = new Writer(series, latest, events, clock);
    private final Activity activity = new Activity(tracker, latest, builtin, writer, events, clock);

    @AfterEach
    void close() {
        activity.close();
        writer.close();
        events.close();
    }

    @Test
    void aNewDeviceWithAPeriod_isUnknown_thenInactiveOnceThePeriodPassesWithoutTraffic() {
        Device d = Entities.device("_dev_1", 10);
        activity.created(List.of(d));
        assertThat(active(d)).isEqualTo("unknown");

        advance(9_999);
        activity.checkNow();
        assertThat(active(d)).isEqualTo("unknown");

        advance(1);
        activity.checkNow();
        assertThat(active(d)).isEqualTo("inactive");
        assertThat(activeTime(d)).isEqualTo(clock.millis());
    }

    @Test
    void traffic_keepsADeviceActive_untilAFullPeriodPassesInSilence_andInactiveIsWrittenOnce() {
        Device d = Entities.device("_dev_1", 10);
        activity.created(List.of(d));
        advance(1_000);
        inbound(d);
        assertThat(active(d)).isEqualTo("active");

        advance(9_999);
        activity.checkNow();
        assertThat(active(d)).isEqualTo("active");

        advance(1);
        activity.checkNow();
        long inactiveAt = clock.millis();
        advance(60_000);
        activity.checkNow();

        assertThat(active(d)).isEqualTo("inactive");
        assertThat(activeTime(d)).as("written once, when the period passed").isEqualTo(inactiveAt);
    }

    @Test
    void start_rebuildsTheDeadlineFromTheStoredLastIn() {
        Device d = Entities.device("_dev_1", 10);
        long lastIn = clock.millis();
        store(builtin.item(d.id(), Builtins.ACTIVE_ID, lastIn, Builtins.Active.ACTIVE.node()));
        store(builtin.item(d.id(), Builtins.LAST_IN_ID, lastIn, TextNode.valueOf("temperature")));
        advance(4_000);

        activity.start(List.of(d), id -> List.of());

        advance(5_999);
        activity.checkNow();
        assertThat(active(d)).isEqualTo("active");
        advance(1);
        activity.checkNow();
        assertThat(active(d)).isEqualTo("inactive");
    }

    @Test
    void periodSetToZero_makesTheDeviceUnknown_andNoDeadlineIsLeft() {
        Device d = Entities.device("_dev_1", 10);
        activity.created(List.of(d));

        activity.updated(d, Entities.device("_dev_1", 0));
        advance(60_000);
        activity.checkNow();

        assertThat(active(d)).isEqualTo("unknown");
    }

    private void inbound(Device d) {
        List<Writer.Item> items = new ArrayList<>();
        List<LogEntry> logs = new ArrayList<>();
        builtin.inbound(
                d, "temperature", new Source(Source.Protocol.REST, "127.0.0.1", "_key_1"), clock.millis(), items, logs);
        builtin.stored(List.of(d), clock.millis(), writer.submit(items, logs)).join();
    }

    private void store(Writer.Item item) {
        writer.submit(List.of(item), List.of()).join();
    }

    private void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    private String active(Device d) {
        DataPoint p = latest.get(d.id(), Builtins.ACTIVE_ID);
        return p == null ? null : p.value().asText();
    }

    private long activeTime(Device d) {
        return latest.get(d.id(), Builtins.ACTIVE_ID).time();
    }
}
