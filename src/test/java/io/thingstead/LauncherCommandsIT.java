package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.app.Config;
import io.thingstead.testing.Http;
import io.thingstead.testing.Launcher;
import io.thingstead.testing.Postgres;
import io.thingstead.testing.TestKeystore;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's commands besides a plain {@code serve}: help, version, listeners, keystores, admin-key. */
class LauncherCommandsIT {
    static final Pattern UP = Pattern.compile(
            "is up: HTTP on port (\\d+), MQTT on port (\\d+), MQTT/TLS on port (\\d+), MQTT/WS on port (\\d+)");

    @TempDir
    Path tmp;

    @Test
    void help_ofEveryCommand_printsItsUsage_andExitsZero() {
        assertThat(help("--help")).contains("serve", "test", "build", "admin-key", "--version");
        String serve = help("serve", "--help");
        for (Config.Flag flag : Config.FLAGS) {
            assertThat(serve).contains(flag.name(), flag.variable());
        }
        assertThat(help("test", "--help")).contains("./thingstead test");
        assertThat(help("build", "--help")).contains("./thingstead build");
        assertThat(help("admin-key", "--help")).contains("--reset", "--data-dir", "--store");
    }

    @Test
    void anUnknownCommand_printsTheUsage_andExitsTwo() {
        Launcher p = Launcher.run(tmp, Map.of(), "sevre");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.stderr()).contains("Usage: ./thingstead");
    }

    @Test
    void version_printsTheVersionOfThePom() throws Exception {
        Matcher m = Pattern.compile("<artifactId>thingstead</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        Launcher p = Launcher.run(tmp, Map.of(), "--version");
        assertThat(p.exitCode()).isZero();
        assertThat(p.stdout().strip()).isEqualTo("thingstead " + m.group(1));
    }

    @Test
    void serve_withPortZeroForEveryListener_bindsFreePorts_andNamesEachInItsStartupLine() throws Exception {
        Path keystore = TestKeystore.create(tmp, "ks-secret");
        try (Launcher p = Launcher.start(
                tmp,
                Map.of("THINGSTEAD_MQTT_TLS_PASSWORD", "ks-secret"),
                LauncherSupport.serveArgs(
                        "--data-dir",
                        tmp.resolve("data").toString(),
                        "--mqtt-tls-keystore",
                        keystore.toString(),
                        "--mqtt-tls-port",
                        "0",
                        "--mqtt-ws-port",
                        "0"))) {
            Matcher up = awaitStartupLine(p);
            List<Integer> ports = List.of(1, 2, 3, 4).stream()
                    .map(i -> Integer.parseInt(up.group(i)))
                    .toList();
            assertThat(ports).doesNotContain(0).doesNotHaveDuplicates();
            for (int port : ports) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    assertThat(s.isConnected()).as("port " + port).isTrue();
                }
            }
            p.awaitHealthy(ports.get(0));
            assertThat(p.stop()).isZero();
        }
    }

    @Test
    void serve_withAWrongKeystorePassword_saysSoInOneLine_andExitsNonZero() {
        refusesKeystore(TestKeystore.create(tmp, "ks-secret"), "not-the-password", "wrong password");
    }

    @Test
    void serve_withAKeystoreThatIsNone_saysSoInOneLine_andExitsNonZero() throws Exception {
        Path notAKeystore = Files.writeString(tmp.resolve("notes.p12"), "not a keystore");
        refusesKeystore(notAKeystore, "x", "is not a JKS or PKCS#12 keystore");
    }

    private void refusesKeystore(Path keystore, String password, String why) {
        Launcher p = Launcher.run(
                tmp,
                Map.of("THINGSTEAD_MQTT_TLS_PASSWORD", password),
                LauncherSupport.serveArgs(
                        "--data-dir", tmp.resolve("data").toString(), "--mqtt-tls-keystore", keystore.toString()));
        LauncherSupport.failsInOneLine(p, why);
    }

    @Test
    void adminKeyReset_withoutAStore_saysSoInOneLine_andExitsNonZero() {
        Launcher p = Launcher.run(
                tmp,
                Map.of(),
                "admin-key",
                "--reset",
                "--data-dir",
                tmp.resolve("none").toString());
        LauncherSupport.failsInOneLine(p, "no data directory");
    }

    /**
     * The store lock: while a server runs, a second one and a key reset are refused in one line;
     * after the server is killed (as in a crash) the reset works, and the next server starts and
     * takes the new key only.
     */
    @Test
    void aRunningServer_keepsASecondServerAndAKeyResetOut_untilItDies() throws Exception {
        Path data = tmp.resolve("data");
        String oldKey = "_key_100000000000000078:0123456789abcdef0123456789abcdef";
        int port = Launcher.freePort();
        try (Launcher first = Launcher.start(
                tmp,
                Map.of("THINGSTEAD_ADMIN_KEY", oldKey),
                LauncherSupport.serveArgs(
                        "--http-port", String.valueOf(port), "--mqtt-port", "off", "--data-dir", data.toString()))) {
            first.awaitHealthy(port);
            LauncherSupport.failsInOneLine(
                    Launcher.run(
                            tmp,
                            Map.of(),
                            LauncherSupport.serveArgs("--mqtt-port", "off", "--data-dir", data.toString())),
                    "is in use by another Thingstead server");
            LauncherSupport.failsInOneLine(
                    Launcher.run(tmp, Map.of(), "admin-key", "--reset", "--data-dir", data.toString()),
                    "is in use by another Thingstead server");
            first.kill();
        }

        Launcher reset = Launcher.run(tmp, Map.of("THINGSTEAD_DATA_DIR", data.toString()), "admin-key", "--reset");
        assertThat(reset.exitCode()).as(reset.stderr()).isZero();
        Matcher printed = Pattern.compile("\\s(_key_\\d+):([0-9a-f]+)").matcher(reset.stdout());
        assertThat(printed.find()).as(reset.stdout()).isTrue();
        Path keyFile = data.resolve("admin-key.json");
        assertThat(Files.readString(keyFile)).contains(printed.group(1), printed.group(2));
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        try (Launcher next = Launcher.start(
                tmp,
                Map.of(),
                LauncherSupport.serveArgs(
                        "--http-port", String.valueOf(port), "--mqtt-port", "off", "--data-dir", data.toString()))) {
            next.awaitHealthy(port);
            String base = "http://127.0.0.1:" + port;
            Http fresh = new Http(base, new Http.Key(printed.group(1), printed.group(2)));
            assertThat(fresh.get("/v3/accounts/_this_").text("name")).isEqualTo("main");
            String[] old = oldKey.split(":");
            assertThat(new Http(base, new Http.Key(old[0], old[1]))
                            .get("/v3/accounts/_this_")
                            .status())
                    .isEqualTo(401);
            assertThat(next.stop()).isZero();
        }
    }

    /**
     * A reset reaches an admin who can use the key: when the first admin was disabled by another,
     * the oldest enabled admin of the master account gets it.
     */
    @Test
    void adminKeyReset_whenTheFirstAdminIsDisabled_givesTheKeyToAnEnabledAdmin() throws Exception {
        Path data = tmp.resolve("data");
        String[] firstKey = "_key_100000000000000079:0123456789abcdef0123456789abcdef".split(":");
        String secondEmail = "second-admin@example.com";
        int port = Launcher.freePort();
        String[] serve = LauncherSupport.serveArgs(
                "--http-port", String.valueOf(port), "--mqtt-port", "off", "--data-dir", data.toString());
        String base = "http://127.0.0.1:" + port;
        try (Launcher server =
                Launcher.start(tmp, Map.of("THINGSTEAD_ADMIN_KEY", firstKey[0] + ":" + firstKey[1]), serve)) {
            server.awaitHealthy(port);
            Http first = new Http(base, new Http.Key(firstKey[0], firstKey[1]));
            Http.Resp created = first.post("/v3/users", Map.of("email", secondEmail, "role", "admin"));
            assertThat(created.status() / 100).as(created.toString()).isEqualTo(2);
            Http second = first.as(
                    first.get("/v3/users/" + created.text("id") + "/apikey").body());
            String firstId = second.get("/v3/users?email=admin@localhost")
                    .body()
                    .get("results")
                    .get(0)
                    .get("id")
                    .asText();
            Http.Resp disabled = second.put("/v3/users/" + firstId, Map.of("status", "disabled"));
            assertThat(disabled.text("status")).as(disabled.toString()).isEqualTo("disabled");
            assertThat(first.get("/v3/accounts/_this_").status()).isEqualTo(401);
            assertThat(server.stop()).isZero();
        }

        Launcher reset = Launcher.run(tmp, Map.of(), "admin-key", "--reset", "--data-dir", data.toString());
        assertThat(reset.exitCode()).as(reset.stderr()).isZero();
        assertThat(reset.stdout()).contains("New API key of " + secondEmail);
        Matcher printed = Pattern.compile("\\s(_key_\\d+):([0-9a-f]+)").matcher(reset.stdout());
        assertThat(printed.find()).as(reset.stdout()).isTrue();

        try (Launcher next = Launcher.start(tmp, Map.of(), serve)) {
            next.awaitHealthy(port);
            Http.Resp account =
                    new Http(base, new Http.Key(printed.group(1), printed.group(2))).get("/v3/accounts/_this_");
            assertThat(account.status()).as(account.toString()).isEqualTo(200);
            assertThat(next.stop()).isZero();
        }
    }

    /** Another server took the PostgreSQL store's lock while this one's lock session was cut: serve stops, exit 1. */
    @Test
    void serve_whoseStoreLockAnotherServerTook_stopsWithExit1() throws Exception {
        String url = Postgres.freshSchemaUrl();
        int port = Launcher.freePort();
        try (Launcher server = Launcher.start(
                        tmp,
                        Map.of(),
                        LauncherSupport.serveArgs(
                                "--http-port",
                                String.valueOf(port),
                                "--mqtt-port",
                                "off",
                                "--data-dir",
                                tmp.resolve("data").toString(),
                                "--store",
                                url));
                Connection other = DriverManager.getConnection(url)) {
            server.awaitHealthy(port);
            Postgres.endSession(other, Postgres.storeLockHolder(other, url));
            assertThat(Postgres.takeStoreLock(other))
                    .as("the other server's lock")
                    .isTrue();

            assertThat(server.exitCode()).as(server.stdout()).isEqualTo(1);
            assertThat(server.stdout() + server.stderr()).contains("The store lock was lost");
        }
    }

    private String help(String... args) {
        Launcher p = Launcher.run(tmp, Map.of(), args);
        assertThat(p.exitCode()).as(p.stderr()).isZero();
        assertThat(p.stdout()).contains("Usage: ./thingstead");
        return p.stdout();
    }

    private static Matcher awaitStartupLine(Launcher p) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> UP.matcher(p.stdout()).find());
        Matcher m = UP.matcher(p.stdout());
        assertThat(m.find()).isTrue();
        return m;
    }
}
