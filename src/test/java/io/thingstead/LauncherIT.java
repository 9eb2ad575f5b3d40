package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.testing.Http;
import io.thingstead.testing.Launcher;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./thingstead serve} as a user runs it: a real process, its exit codes and its one-line errors. */
class LauncherIT {
    @TempDir
    Path tmp;

    /** {@code serve} with the flags, on free ports unless given: tests never take 8081 or 1883. */
    private Launcher serve(Map<String, String> env, String... flags) {
        return Launcher.start(tmp, env, LauncherSupport.serveArgs(flags));
    }

    @Test
    void serve_bootstrapsFromEnvKey_answersHealth_andExitsZeroOnSigterm() throws Exception {
        int port = Launcher.freePort();
        Path data = tmp.resolve("data");
        String key = "_key_100000000000000077:0123456789abcdef0123456789abcdef";
        try (Launcher p = serve(
                Map.of("THINGSTEAD_ADMIN_KEY", key),
                "--http-port",
                String.valueOf(port),
                "--data-dir",
                data.toString())) {
            p.awaitHealthy(port);
            Path keyFile = data.resolve("admin-key.json");
            assertThat(Files.getPosixFilePermissions(keyFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.readString(keyFile))
                    .contains("\"id\":\"_key_100000000000000077\"", "\"secret\":\"0123456789abcdef0123456789abcdef\"");
            assertThat(Files.exists(data.resolve("sysadmin-key.json"))).isTrue();
            assertThat(p.stdout()).contains(key);

            Http api = new Http(
                    "http://127.0.0.1:" + port,
                    new Http.Key("_key_100000000000000077", "0123456789abcdef0123456789abcdef"));
            assertThat(api.get("/v3/accounts/_this_").text("name")).isEqualTo("main");
            assertThat(p.stop()).as(p.stderr()).isZero();
        }
    }

    @Test
    void serve_onAPortInUse_saysSoInOneLine_andExitsNonZero() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Launcher p = serve(
                    Map.of(),
                    "--http-port",
                    String.valueOf(taken.getLocalPort()),
                    "--data-dir",
                    tmp.resolve("d").toString());
            LauncherSupport.failsInOneLine(p, "port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void serve_withAnUnwritableDataDir_saysSoInOneLine_andExitsNonZero() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Launcher p = serve(Map.of(), "--data-dir", file.resolve("data").toString());
        LauncherSupport.failsInOneLine(p, "is not writable");
    }

    @Test
    void serve_withAnUnreachableDatabase_saysSoInOneLine_andExitsNonZero() {
        Launcher p = serve(
                Map.of(),
                "--data-dir",
                tmp.resolve("d").toString(),
                "--store",
                "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
        LauncherSupport.failsInOneLine(p, "is unreachable");
    }

    @Test
    void serve_withABadFlag_saysWhichAndExitsNonZero() {
        Launcher p = serve(Map.of(), "--http-port", "eighty");
        LauncherSupport.failsInOneLine(p, "--http-port");
    }
}
