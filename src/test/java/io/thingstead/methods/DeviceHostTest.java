package io.thingstead.methods;

import static io.thingstead.methods.MethodFixture.ACCOUNT;
import static io.thingstead.methods.MethodFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.scripting.HostException;
import io.thingstead.testing.Entities;
import io.thingstead.timeseries.LogLevel;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-ins of one call, where they need no store: the device log's lines and caps, the
 * checks of a point before anything is written, and a gateway refused for a device its key does
 * not list at the moment of the call (docs/methods.md: Built-ins). The write pipeline, the reads
 * and the nested calls are null here: a test that reached them would fail.
 */
class DeviceHostTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Line(String deviceId, LogLevel level, String type, String message) {}

    private final List<Line> log = new ArrayList<>();
    private final Map<String, List<String>> keys = new HashMap<>();
    private final DeviceRegistry registry = new DeviceRegistry();
    private final Device gateway = Entities.device("_dev_1", ACCOUNT, "hub.1", Map.of());
    private final Device edge = Entities.device("_dev_2", ACCOUNT, "edge.1", Map.of());
    private final Device outsider = Entities.device("_dev_3", ACCOUNT, "outsider.1", Map.of());

    @BeforeEach
    void devices() {
        List<Stored> stored = new ArrayList<>();
        for (Device d : List.of(gateway, edge, outsider)) {
            stored.add(new Stored("device", d.id(), 1, d));
        }
        registry.apply(stored);
        keys.put(gateway.id(), List.of(gateway.id(), edge.id()));
    }

    private DeviceHost host(Device device) {
        MethodBuiltins b = new MethodBuiltins(
                null,
                null,
                registry,
                null,
                null,
                id -> keys.getOrDefault(id, List.of(id)),
                (deviceId, level, type, message) -> log.add(new Line(deviceId, level, type, message)),
                InstantSource.fixed(Instant.parse("2026-12-02T10:00:00Z")));
        Method m = MethodFixture.method("_mtd_1", BASE, "m", Method.Access.PUBLIC);
        return new DeviceHost(b, null, device, new ResolvedMethod(m, BASE, false, "base$m"), 1);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void log_writesAMethodLogLineOfThatLevel_namingTheMethod() {
        host(edge).log("warning", "valve stuck");
        assertThat(log).containsExactly(new Line(edge.id(), LogLevel.WARNING, "MethodLog", "method 'm': valve stuck"));
    }

    @Test
    void log_refusesALevelNotInTheList_writingNothing() {
        assertThatThrownBy(() -> host(edge).log("loud", "x"))
                .isInstanceOf(HostException.class)
                .hasMessageStartingWith("log: ");
        assertThat(log).isEmpty();
    }

    @Test
    void log_cutsLongMessages_andKeepsAtMost100LinesPerCall_thenOneWarning() {
        DeviceHost host = host(edge);
        host.log("info", "x".repeat(DeviceHost.MAX_LOG_CHARS + 50));
        assertThat(log.get(0).message()).isEqualTo("method 'm': " + "x".repeat(DeviceHost.MAX_LOG_CHARS) + "...");
        for (int i = 1; i < 150; i++) {
            host.log("debug", "line " + i);
        }
        assertThat(log).hasSize(DeviceHost.MAX_LOG_LINES + 1);
        assertThat(log.get(DeviceHost.MAX_LOG_LINES))
                .isEqualTo(new Line(
                        edge.id(),
                        LogLevel.WARNING,
                        "MethodLog",
                        "method 'm': more than 100 log lines in one call; the rest are dropped"));
        host(edge).log("info", "a new call logs again");
        assertThat(log).hasSize(DeviceHost.MAX_LOG_LINES + 2);
    }

    @Test
    void setProperty_refusesABadPoint_beforeAnythingIsWritten() throws Exception {
        DeviceHost host = host(edge);
        Map<String, String> refused = Map.of(
                "7", "setProperty: the point must be an object {value, time}",
                "{\"time\": \"2026-12-02T10:00:00Z\"}", "setProperty: the point must be an object {value, time}",
                "{\"value\": 1, \"unit\": \"C\"}", "setProperty: the point takes 'value' and 'time', not 'unit'",
                "{\"value\": 1, \"time\": 1764669600000}", "setProperty: 'time' must be an ISO-8601 time with a zone");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            JsonNode point = json(e.getKey());
            assertThatThrownBy(() -> host.setProperty("temperature", point))
                    .as(e.getKey())
                    .isInstanceOf(HostException.class)
                    .hasMessage(e.getValue());
        }
        assertThatThrownBy(() -> host.setProperty("temperature", null))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("{value, time}");
    }

    @Test
    void aGateway_isRefusedEveryDeviceItsKeyDoesNotList_loggedInItsLog_andNothingIsDone() throws Exception {
        DeviceHost host = host(gateway);
        JsonNode point = json("{\"value\": 1}");
        List<Consumer<String>> builtIns = List.of(
                id -> host.setDeviceProperty(id, "temperature", point),
                id -> host.getDeviceProperty(id, "temperature"),
                id -> host.executeDeviceMethod(id, "m", null));
        for (String ref : List.of(outsider.id(), outsider.name(), gateway.id(), "_dev_404")) {
            for (Consumer<String> builtIn : builtIns) {
                assertThatThrownBy(() -> builtIn.accept(ref))
                        .isInstanceOf(HostException.class)
                        .hasMessageEndingWith("device '" + ref
                                + "' is not one of the devices of hub.1's key context; nothing was done");
            }
        }
        assertThat(log).hasSize(12).allSatisfy(line -> {
            assertThat(line.deviceId()).isEqualTo(gateway.id());
            assertThat(line.level()).isEqualTo(LogLevel.WARNING);
            assertThat(line.type()).isEqualTo("MethodRefused");
            assertThat(line.message()).startsWith("method 'm': ");
        });
    }

    @Test
    void aDeviceTakenOutOfTheGatewaysKey_isRefusedAtTheNextCall() {
        DeviceHost host = host(gateway);
        keys.put(gateway.id(), List.of(gateway.id()));
        assertThatThrownBy(() -> host.getDeviceProperty(edge.id(), "temperature"))
                .isInstanceOf(HostException.class)
                .hasMessageStartingWith("getDeviceProperty: device '_dev_2' is not one of the devices");
    }

    @Test
    void aDeviceThatIsNoGateway_reachesNoOtherDevice() {
        assertThatThrownBy(() -> host(edge).getDeviceProperty(gateway.id(), "temperature"))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("is not one of the devices of edge.1's key context");
    }
}
