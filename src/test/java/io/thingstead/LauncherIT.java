package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thingstead.testing.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./thingstead serve} as a user runs it: a real process, its exit codes and its one-line errors. */
class LauncherIT {
    @TempDir
    Path tmp;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process serve(Map<String, String> env, String... flags) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("./thingstead", "serve"));
        cmd.addAll(List.of(flags));
        if (!cmd.contains("--mqtt-port")) {
            cmd.addAll(List.of("--mqtt-port", "0")); // a free port: tests never take 1883
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(".").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("THINGSTEAD_"));
        pb.environment().putAll(env);
        pb.redirectOutput(tmp.resolve("out.log").toFile())
                .redirectError(tmp.resolve("err.log").toFile());
        return pb.start();
    }

    private String stderr() throws IOException {
        return Files.readString(tmp.resolve("err.log"));
    }

    @Test
    void serve_bootstrapsFromEnvKey_answersHealth_andExitsZeroOnSigterm() throws Exception {
        int port = freePort();
        Path data = tmp.resolve("data");
        String key = "_key_100000000000000077:0123456789abcdef0123456789abcdef";
        Process p = serve(
                Map.of("THINGSTEAD_ADMIN_KEY", key),
                "--http-port",
                String.valueOf(port),
                "--mqtt-port",
                "0",
                "--data-dir",
                data.toString());
        try {
            HttpClient client = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> client.send(
                                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200);

            Path keyFile = data.resolve("admin-key.json");
            assertThat(Files.getPosixFilePermissions(keyFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.readString(keyFile))
                    .contains("\"id\":\"_key_100000000000000077\"", "\"secret\":\"0123456789abcdef0123456789abcdef\"");
            assertThat(Files.exists(data.resolve("sysadmin-key.json"))).isTrue();
            assertThat(Files.readString(tmp.resolve("out.log"))).contains(key);

            Http api = new Http(
                    "http://127.0.0.1:" + port,
                    new Http.Key("_key_100000000000000077", "0123456789abcdef0123456789abcdef"));
            assertThat(api.get("/v3/accounts/_this_").text("name")).isEqualTo("main");
        } finally {
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as(stderr()).isZero();
    }

    @Test
    void serve_onAPortInUse_saysSoInOneLine_andExitsNonZero() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process p = serve(
                    Map.of(),
                    "--http-port",
                    String.valueOf(taken.getLocalPort()),
                    "--data-dir",
                    tmp.resolve("d").toString());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isNotZero();
            assertThat(stderr().strip())
                    .contains("port " + taken.getLocalPort() + " is already in use")
                    .doesNotContain("\n");
        }
    }

    @Test
    void serve_withAnUnwritableDataDir_saysSoInOneLine_andExitsNonZero() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Process p = serve(
                Map.of(),
                "--http-port",
                String.valueOf(freePort()),
                "--data-dir",
                file.resolve("data").toString());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(stderr().strip()).contains("is not writable").doesNotContain("\n");
    }

    @Test
    void serve_withAnUnreachableDatabase_saysSoInOneLine_andExitsNonZero() throws Exception {
        Process p = serve(
                Map.of(),
                "--http-port",
                String.valueOf(freePort()),
                "--data-dir",
                tmp.resolve("d").toString(),
                "--store",
                "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(stderr().strip()).contains("is unreachable").doesNotContain("\n");
    }

    @Test
    void serve_withABadFlag_saysWhichAndExitsNonZero() throws Exception {
        Process p = serve(Map.of(), "--http-port", "eighty");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(new String(Files.readAllBytes(tmp.resolve("err.log")), StandardCharsets.UTF_8))
                .contains("--http-port");
    }
}
