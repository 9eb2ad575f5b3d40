package io.thingstead.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.Principal;
import io.thingstead.activity.ActivityTracker;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Ids;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceAccess;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.events.EventStream;
import io.thingstead.events.Events;
import io.thingstead.events.Source;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.testing.Entities;
import io.thingstead.testing.InMemoryEntityStore;
import io.thingstead.testing.InMemoryTimeSeries;
import io.thingstead.testing.MutableClock;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.Feed;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write pipeline without a server: an in-memory entity store and time series behind the real
 * registry, catalog, builtins and writer. Who may write, each point validated on its own, the
 * builtins a device's own write brings, and what the receipt says.
 */
class IngestTest {
    static final String ACC = "_acc_1";
    static final String DEV = "_dev_1";
    static final String PROFILE = "_dpf_1";
    static final String TEMP = "_prp_1";
    static final String SETPOINT = "_prp_2";
    static final Instant NOW = Instant.parse("2031-03-01T10:00:00Z");
    /** A minute before now: the points' times, within every lifetime and not ahead of the clock. */
    static final long T0 = NOW.toEpochMilli() - 60_000;

    static final Source REST = new Source(Source.Protocol.REST, "10.0.0.1", "_key_dev");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryTimeSeries series = new InMemoryTimeSeries();
    private final LatestValues latest = new LatestValues();
    private final EventStream events = new EventStream();
    private final Writer writer = new Writer(series, latest, events, clock);
    private final ProfileCatalog catalog;
    private final DeviceRegistry devices;
    private final Ingest ingest;

    IngestTest() {
        InMemoryEntityStore store = new InMemoryEntityStore()
                .with(
                        "deviceprofile",
                        PROFILE,
                        ACC,
                        Entities.profile(PROFILE, ACC, "Thermostat", Builtins.CONNECTED_DEVICE))
                .with("property", TEMP, ACC, Entities.property(TEMP, ACC, PROFILE, "temp"))
                .with("property", SETPOINT, ACC, Events.property(SETPOINT, "setpoint"))
                .with("device", DEV, ACC, device(DEV, Device.Status.ENABLED))
                .with("device", "_dev_3", ACC, device("_dev_3", Device.Status.DISABLED));
        Admin admin = new Admin(store);
        catalog = admin.register(new ProfileCatalog());
        devices = admin.register(new DeviceRegistry());
        DeviceRuntime runtime = DeviceRuntime.singleNode();
        ActivityTracker tracker = new ActivityTracker(runtime);
        // The device has an activity period of 10 minutes and no traffic yet: its first write makes it active.
        tracker.track(DEV, 600, null, false, clock.millis());
        Builtin builtin = new Builtin(catalog, latest, tracker, new Ids(clock, 0));
        ingest = new Ingest(new DeviceAccess(devices), catalog, builtin, writer, clock, Duration.ofDays(1), runtime);
    }

    @AfterEach
    void close() {
        writer.close();
        events.close();
    }

    @Test
    void aDevicesOwnWrite_storesItsPoints_andTheBuiltinsOfItsTraffic() {
        Receipt r = ingest.write(deviceKey(), ACC, DEV, feed(point("temp", T0 + 1_000, IntNode.valueOf(21))), REST);

        assertThat(r).isEqualTo(new Receipt(1, 0, List.of()));
        assertThat(latest.get(DEV, TEMP).value().asInt()).isEqualTo(21);
        assertThat(latest.get(DEV, Builtins.LAST_IN_ID).value().asText()).isEqualTo("temp");
        assertThat(Builtins.Active.of(latest.get(DEV, Builtins.ACTIVE_ID).value()))
                .isEqualTo(Builtins.Active.ACTIVE);
        assertThat(latest.get(DEV, Builtins.CONNECTION_INFO_ID).value().toString())
                .isEqualTo("{\"ip\":\"10.0.0.1\",\"endpoint\":\"rest\"}");
        assertThat(series.history(DEV, TEMP, 0, Long.MAX_VALUE, 10, false)
                        .get(0)
                        .meta()
                        .toString())
                .isEqualTo("{\"protocol\":\"rest\",\"source\":\"object\"}");
    }

    @Test
    void eachInvalidPoint_isRejectedOnItsOwn_andLogged_whileTheValidOnesAreStored() {
        Receipt r = ingest.write(
                deviceKey(),
                ACC,
                DEV,
                feed(
                        point("temp", T0 + 1_000, TextNode.valueOf("warm")),
                        point("tmep", T0 + 1_000, IntNode.valueOf(1)),
                        point("temp", T0 + 2_000, DoubleNode.valueOf(21.5)),
                        point("temp", NOW.toEpochMilli() + Duration.ofDays(2).toMillis(), IntNode.valueOf(1)),
                        point("temp", 1_000, IntNode.valueOf(1))),
                REST);

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejected()).isEqualTo(4);
        assertThat(r.rejections()).extracting(Receipt.Rejection::index).containsExactly(0, 1, 3, 4);
        assertThat(r.rejections())
                .extracting(Receipt.Rejection::kind)
                .containsExactly(
                        Receipt.Kind.INVALID,
                        Receipt.Kind.UNKNOWN_PROPERTY,
                        Receipt.Kind.INVALID,
                        Receipt.Kind.INVALID);
        assertThat(r.rejections().get(1).reason()).contains("names no property 'tmep'", "temp");
        assertThat(r.rejections().get(2).reason()).contains("ahead of the server clock");
        assertThat(r.rejections().get(3).reason()).contains("older than the property's retention lifetime");
        assertThat(series.history(DEV, TEMP, 0, Long.MAX_VALUE, 10, false))
                .extracting(DataPoint::time)
                .containsExactly(T0 + 2_000);
        assertThat(series.logs(DEV, 0, 10)).extracting(LogEntry::type).contains("DataRejected", "Activity");
    }

    @Test
    void aWriteOfNothingValid_storesNoPoint_butItsRejections() {
        Receipt r = ingest.write(deviceKey(), ACC, DEV, feed(point("tmep", T0 + 1_000, IntNode.valueOf(1))), REST);

        assertThat(r.nothingStored()).isTrue();
        assertThat(r.onlyUnknownProperties()).isTrue();
        assertThat(latest.get(DEV, TEMP)).isNull();
    }

    @Test
    void aBuiltinOrAProtectedProperty_refusesTheWholeWrite_beforeAnythingIsQueued() {
        assertForbidden(deviceKey(), point("connectionStatus", T0 + 1_000, TextNode.valueOf("online")));
        assertForbidden(accountKey(), point("temp", T0 + 1_000, IntNode.valueOf(21)));
        assertThat(series.loadLatest()).isEmpty();
    }

    @Test
    void anExternalWrite_isAcceptedOnAPublicProperty_andBringsNoBuiltins() {
        Receipt r =
                ingest.write(accountKey(), ACC, DEV, feed(point("setpoint", T0 + 1_000, IntNode.valueOf(19))), REST);

        assertThat(r).isEqualTo(new Receipt(1, 0, List.of()));
        assertThat(latest.get(DEV, SETPOINT).value().asInt()).isEqualTo(19);
        assertThat(series.history(DEV, SETPOINT, 0, Long.MAX_VALUE, 10, false)
                        .get(0)
                        .meta()
                        .toString())
                .isEqualTo("{\"protocol\":\"rest\",\"source\":\"external_client\"}");
        assertThat(latest.get(DEV, Builtins.LAST_IN_ID)).isNull();
        assertThat(latest.get(DEV, Builtins.ACTIVE_ID)).isNull();
    }

    @Test
    void aDisabledDevice_aDeviceOutsideTheKeysContext_andAKeyWithoutTheScope_areRefused() {
        assertThatThrownBy(() -> ingest.write(accountKey(), ACC, "_dev_3", feed(), REST))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("is disabled")
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> ingest.write(deviceKey(), ACC, "_dev_3", feed(), REST))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> ingest.write(
                        withScopes(deviceKey(), Set.of()),
                        ACC,
                        DEV,
                        feed(point("temp", T0 + 1, IntNode.valueOf(1))),
                        REST))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo(ErrorCode.MISSING_SCOPE);
    }

    private void assertForbidden(Principal p, Feed.Entry e) {
        assertThatThrownBy(() -> ingest.write(p, ACC, DEV, feed(e), REST))
                .isInstanceOf(ApiException.class)
                .extracting(x -> ((ApiException) x).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
    }

    private static Feed feed(Feed.Entry... entries) {
        return new Feed(List.of(entries));
    }

    private static Feed.Entry point(String prop, long time, JsonNode value) {
        return new Feed.Entry(prop, time, value, null, null, false);
    }

    private static Principal deviceKey() {
        return key(new ApiKey(
                "_key_dev",
                "s",
                DEV,
                ACC,
                KeyContext.device(DEV),
                List.of(),
                -1,
                Entities.T,
                Entities.T,
                ApiKey.Owner.DEVICE));
    }

    private static Principal accountKey() {
        return key(new ApiKey(
                "_key_cli",
                "s",
                "_apc_1",
                ACC,
                KeyContext.account(ACC),
                List.of(),
                -1,
                Entities.T,
                Entities.T,
                ApiKey.Owner.APICLIENT));
    }

    private static Principal key(ApiKey k) {
        return new Principal.Key(k, ACC, k.context(), Set.of("device:write-data"));
    }

    private static Principal withScopes(Principal p, Set<String> scopes) {
        Principal.Key k = (Principal.Key) p;
        return new Principal.Key(k.key(), k.accountId(), k.context(), scopes);
    }

    private static Device device(String id, Device.Status status) {
        return new Device(
                id,
                ACC,
                id,
                null,
                PROFILE,
                List.of(),
                null,
                List.of(),
                status,
                0,
                Map.of(),
                null,
                false,
                false,
                null,
                false,
                Entities.T,
                Entities.T);
    }
}
