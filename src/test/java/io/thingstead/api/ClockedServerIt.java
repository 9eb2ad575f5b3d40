package io.thingstead.api;

import static io.thingstead.testing.Fixtures.unique;

import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.MutableClock;
import io.thingstead.testing.TestServer;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One server with MQTT on a clock the tests move by hand, and a profile of their own that
 * inherits ConnectedDevice (subclasses add its properties in their own {@code @BeforeAll}).
 */
abstract class ClockedServerIt {
    static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    static MutableClock clock;
    static TestServer server;
    static Http admin;
    static String profile;

    @BeforeAll
    static void startClockedServer() {
        clock = new MutableClock(START);
        server = TestServer.configured(clock, c -> c);
        admin = server.admin();
        profile = unique("Clocked");
        Fixtures.profile(admin, "/v3", profile, "ConnectedDevice");
    }

    @AfterAll
    static void stopClockedServer() {
        server.close();
    }

    /** A new device of the profile, with its key. */
    static Dev device() {
        return MqttItSupport.device(admin, profile);
    }

    /** The device's own key over REST. */
    static Http as(Dev d) {
        return admin.as(new Http.Key(d.keyId(), d.secret()));
    }
}
