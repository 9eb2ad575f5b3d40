package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.asDevice;
import static io.thingstead.testing.Fixtures.deviceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.MutableClock;
import io.thingstead.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared fixture of the activity integration tests, which check the builtin {@code active},
 * {@code lastIn} and {@code connectionInfo}, driven by an injected clock that moves only when a
 * test advances it; a test runs the server's activity check itself once it moved the clock
 * ({@link TestServer#checkActivity}), so no test waits for real time to pass.
 */
abstract class ActivityItBase {
    static final Instant START = Instant.parse("2031-03-01T10:00:00Z");

    /** Each test class starts its server on a fresh clock at {@link #START}. */
    static MutableClock clock;

    static TestServer server;
    static Http admin;
    static String sensor;
    static String hub;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        server = TestServer.start(clock);
        admin = server.admin();
        sensor = Fixtures.newProfile(
                admin,
                "/v3",
                "ConnectedDevice",
                "{'name':'temperature','type':'number','access':'protected'}",
                "{'name':'humidity','type':'number','access':'protected'}",
                "{'name':'setpoint','type':'number','access':'public'}");
        hub = Fixtures.newProfile(admin, "/v3", "Gateway");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode flat(String deviceId) {
        return body(admin.get("/v3/data/devices/" + deviceId));
    }

    static String active(String deviceId) {
        return flat(deviceId).path("active").asText(null);
    }

    /**
     * Runs the activity check at the clock's time now, waits until what it found is stored, and
     * asserts the device's {@code active}: a transition due by now has happened, none other has.
     */
    static void assertActiveAfterCheck(String deviceId, String expected) {
        server.checkActivity();
        assertThat(active(deviceId)).isEqualTo(expected);
    }

    static JsonNode activeHistory(String deviceId) {
        return body(admin.get("/v3/data/devices/" + deviceId + "/properties/active?order=asc"));
    }

    static void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    static String devicePath(String deviceId) {
        return "/v3/data/devices/" + deviceId + "/properties/temperature";
    }

    record Pair(String gateway, String edge, Http gatewayHttp) {}

    static Pair gatewayWithEdge(long gatewayPeriod, long edgePeriod) {
        String gw = deviceId(admin, hub, gatewayPeriod);
        String edge = deviceId(admin, sensor, edgePeriod);
        Fixtures.gatewayKey(admin, "/v3", gw, edge);
        return new Pair(gw, edge, asDevice(admin, gw));
    }
}
