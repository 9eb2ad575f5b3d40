package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.app.Thingstead;
import io.thingstead.testing.Postgres;
import io.thingstead.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
        try (Connection dead = DriverManager.getConnection(url);
                Connection c = DriverManager.getConnection(Postgres.url())) {
            // the lock session of a server whose process died: PostgreSQL drops the lock with it
            assertThat(Postgres.takeStoreLock(dead)).isTrue();
            int pid = Postgres.storeLockHolder(c, url);
            assertThat(pid).isPositive();
            Postgres.endSession(c, pid);
        }
        try (TestServer next = TestServer.on(tmp, url)) {
            assertThat(next.admin().get("/v3/accounts/_this_").status()).isEqualTo(200);
        }
    }

    /** A live server whose lock session is ended takes the lock again: a second server is still refused. */
    @Test
    void aLiveServerWhoseLockSessionWasEnded_takesItAgain_andASecondServerIsStillRefused() throws Exception {
        String url = Postgres.freshSchemaUrl();
        try (TestServer first = TestServer.start(url);
                Connection c = DriverManager.getConnection(Postgres.url())) {
            int before = Postgres.storeLockHolder(c, url);
            Postgres.endSession(c, before);

            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> {
                        int now = Postgres.storeLockHolder(c, url);
                        return now > 0 && now != before;
                    });
            assertThatThrownBy(() -> TestServer.on(tmp, url))
                    .isInstanceOf(Thingstead.StartupFailure.class)
                    .hasMessageContaining("is in use by another Thingstead server");
            assertThat(first.admin().get("/v3/accounts/_this_").status()).isEqualTo(200);
        }
    }

    private static String schema(String url) {
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    }
}
