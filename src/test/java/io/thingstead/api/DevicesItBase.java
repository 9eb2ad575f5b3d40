package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.deviceBody;
import static io.thingstead.testing.Fixtures.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Shared fixture of the device integration tests: one server, a test profile, the device fields. */
abstract class DevicesItBase {
    static final String DEVICE_ID = "_dev_\\d{18,19}";
    static final List<String> FIELDS = List.of(
            "id",
            "accountId",
            "name",
            "friendlyName",
            "profileId",
            "apps",
            "description",
            "tags",
            "status",
            "period",
            "customIds",
            "timezone",
            "annotateWithLoc",
            "annotateWithMeta",
            "location",
            "locked",
            "dateCreated",
            "dateModified");

    static TestServer server;
    static Http admin;
    static String accountId;
    static JsonNode profile;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        accountId = body(admin.get("/v3/accounts/_this_")).get("id").asText();
        profile = Fixtures.profile(admin, "/v3", unique("Sensor"), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ObjectNode newDevice() {
        return deviceBody(unique("dev"), profile.get("name").asText());
    }

    static JsonNode create(ObjectNode body) {
        return Fixtures.device(admin, "/v3", body);
    }

    static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
