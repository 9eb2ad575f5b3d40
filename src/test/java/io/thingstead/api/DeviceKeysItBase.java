package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.unique;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Shared fixture of the device-key integration tests: one server, a ConnectedDevice profile, key helpers. */
abstract class DeviceKeysItBase {

    static TestServer server;
    static Http admin;
    static String accountId;
    /** A profile IS-A ConnectedDevice but not Gateway. */
    static JsonNode connected;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        accountId = body(admin.get("/v3/accounts/_this_")).get("id").asText();
        connected = Fixtures.profile(admin, "/v3", unique("Thermostat"), "ConnectedDevice");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode newDevice(JsonNode profile) {
        return Fixtures.device(admin, "/v3", id(profile));
    }

    static JsonNode keyOf(JsonNode device) {
        return Fixtures.apikey(admin, "/v3", id(device));
    }
}
