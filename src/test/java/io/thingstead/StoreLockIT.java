package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.app.Thingstead;
import io.thingstead.testing.Http;
import io.thingstead.testing.Postgres;
import io.thingstead.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server per store until cluster mode exists: a second server on a data dir or a PostgreSQL
 * schema in use does not start and says why in one line; a lock whose holder is gone blocks
 * nothing. (A killed process's file lock: {@link LauncherCommandsIT}.)
 */
class StoreLockIT {
    @TempDir
    Path tmp;

    @Test
    void aSecondServerOnADataDirInUse_failsSayingSoInOneLine_andTheFirstKeepsServing() {
        try (TestServer first = TestServer.start()) {
            assertThatThrownBy(() -> TestServer.on(first.dataDir(), "embedded"))
                    .isInstanceOf(Thingstead.StartupFailure.class)
                    .hasMessageContaining(
                            "The data directory " + first.dataDir().toAbsolutePath())
                    .hasMessageContaining("is in use by another Thingstead server")
                    .message()
                    .doesNotContain("\n");
            assertThat(first.admin().get("/v3/accounts/_this_").status()).isEqualTo(200);
        }
    }

    @Test
    void aStoppedServer_releasesItsLock() {
        try (TestServer server = TestServer.start()) {
            server.restart();
            assertThat(server.admin().get("/v3/accounts/_this_").status()).isEqualTo(200);
        }
    }

    @Test
    void aSecondServerOnAPostgresSchemaInUse_failsSayingSoInOneLine() {
        String url = Postgres.freshSchemaUrl();
        try (TestServer first = TestServer.start(url)) {
            assertThatThrownBy(() -> TestServer.on(tmp, url))
                    .isInstanceOf(Thingstead.StartupFailure.class)
                    .hasMessageContaining("(schema " + schema(url) + ") is in use by another Thingstead server")
                    .message()
                    .doesNotContain("\n")
                    .doesNotContain("password");
            assertThat(first.admin().get("/v3/accounts/_this_").status()).isEqualTo(200);
        }
    }

    @Test
    void serversOnTwoSchemasOfOneDatabase_bothStart() {
        try (TestServer one = TestServer.start(Postgres.freshSchemaUrl());
                TestServer two = TestServer.start(Postgres.freshSchemaUrl())) {
            assertThat(one.admin().get("/health").status()).isEqualTo(200);
            assertThat(two.admin().get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void aPostgresLockWhoseSessionEnded_doesNotBlockTheNextStart() throws Exception {
        String url = Postgres.freshSchemaUrl();
        try (TestServer first = TestServer.start(url)) {
            // its lock session ends as when its process dies: PostgreSQL drops the lock with it
            try (Connection c = DriverManager.getConnection(Postgres.url());
                    PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks"
                            + " WHERE locktype = 'advisory' AND classid = 1414747204"
                            + " AND objid = (hashtext(?)::bigint & 4294967295)::oid"
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
                s.setString(1, schema(url));
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).as("the first server's lock session").isTrue();
                }
            }
            try (TestServer next = TestServer.on(tmp, url)) {
                Http api = new Http(next.baseUrl(), first.admin().key()); // the store's admin, from its first start
                assertThat(api.get("/v3/accounts/_this_").status()).isEqualTo(200);
            }
        }
    }

    private static String schema(String url) {
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    }
}
