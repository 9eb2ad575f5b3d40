package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Http;
import io.thingstead.testing.LogCapture;
import io.thingstead.testing.RawHttp;
import io.thingstead.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One server per class with a 2 s read timeout, driven over raw sockets, its log captured: after
 * every test the server answers {@code /health} and has logged at most one line, without a stack
 * trace.
 */
abstract class HttpSecurityItBase {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final String HOST = "Host: t\r\n";

    static TestServer server;
    static int port;
    /** The admin key's {@code Authorization} header line. */
    static String basic;

    static LogCapture logs;

    @BeforeAll
    static void start() {
        server = TestServer.withReadTimeout(READ_TIMEOUT);
        port = server.httpPort();
        Http.Key key = server.admin().key();
        basic = "Authorization: Basic " + b64(key.id() + ":" + key.secret()) + "\r\n";
        logs = new LogCapture();
    }

    @AfterAll
    static void stop() {
        logs.close();
        server.close();
    }

    @BeforeEach
    void clearLogs() {
        logs.clear();
    }

    @AfterEach
    void serverStaysHealthy_andLogsNoStackTrace() {
        RawHttp.Response r = RawHttp.exchange(port, "GET /health HTTP/1.1\r\n" + HOST + "\r\n");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(logs.lines()).as("log lines").hasSizeLessThanOrEqualTo(1);
        assertThat(logs.events()).as("no stack trace").allMatch(e -> e.getThrowableProxy() == null);
    }

    /** A Connio error array with the status and code, JSON-typed, with no trace of internals. */
    static String connioError(RawHttp.Response r, int status, String code) {
        assertThat(r.headers().get("content-type")).as(r.toString()).isEqualTo("application/json");
        assertThat(r.text())
                .doesNotContain("Exception")
                .doesNotContain("at io.")
                .doesNotContain("at java.");
        return ApiAssert.errorMessage(new Http.Resp(r.status(), r.json(), r.text()), status, code);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
