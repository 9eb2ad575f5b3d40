package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Shared fixture of the account integration tests: one server, its main account, account makers. */
abstract class AccountsItBase {
    static TestServer server;
    static Http admin;
    static String mainId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        mainId = body(admin.get("/v3/accounts/_this_")).get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode createSub(Http as, String name) {
        return body(as.post("/v3/accounts", Map.of("name", name)));
    }

    /** A sub-account of the caller with its admin user; returns the response with account, user and apikey. */
    static JsonNode createSubWithAdmin(Http as, String name) {
        JsonNode r = body(as.post(
                "/v3/accounts",
                Map.of("name", name, "user", Map.of("name", "Admin of " + name, "email", uniqueEmail("adm")))));
        assertThat(r.get("apikey").get("id").asText()).startsWith("_key_");
        return r;
    }

    /** A master account made by the sysadmin; returns the response with account, user and apikey. */
    static JsonNode createMaster(String name) {
        return body(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", name, "user", Map.of("name", "Owner", "email", uniqueEmail("owner")))));
    }
}
