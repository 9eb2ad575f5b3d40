package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmokeIT {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void health_answersUpWithoutCredentials() {
        var r = server.admin().anonymous().get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("status").asText()).isEqualTo("up");
    }

    @Test
    void bootstrapAdminKey_readsItsAccount() {
        var r = server.admin().get("/v3/accounts/_this_");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text("name")).isEqualTo("main");
    }
}
