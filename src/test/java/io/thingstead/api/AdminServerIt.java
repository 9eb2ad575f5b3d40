package io.thingstead.api;

import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One server per test class, driven with the bootstrap admin key. */
abstract class AdminServerIt {
    static TestServer server;
    static Http api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }
}
