package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.testing.Fixtures;
import io.thingstead.testing.RawHttp;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Clients that send slowly, stall, pipeline, or frame one request two ways: every request is bounded
 * by the read timeout (2 s here, 30 s by default), a refused request never lets bytes after it run
 * as another one, and the server stays healthy (README: Security model).
 */
class HttpTimingSecurityIT extends HttpSecurityItBase {
    /** The read timeout plus the sweep period and a margin for a loaded machine. */
    static final Duration BOUND = READ_TIMEOUT.plusSeconds(4);

    @Test
    void headersThatStall_areAnswered408WithinTheReadTimeout_andTheConnectionClosed() {
        timedOut("POST /v3/devices HTTP/1.1\r\n" + HOST + "X-A: 1\r\n");
    }

    @Test
    void aBodyThatStalls_isAnswered408WithinTheReadTimeout_andTheConnectionClosed() {
        timedOut("POST /v3/devices HTTP/1.1\r\n" + HOST + "Content-Length: 100\r\n\r\n{\"name\":");
    }

    @Test
    void aChunkedBodyWithoutItsLastChunk_isAnswered408WithinTheReadTimeout() {
        timedOut("POST /v3/devices HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
    }

    @Test
    void headersSentAByteAtATime_areBoundedByTheReadTimeoutAsAWhole() throws Exception {
        long start = System.nanoTime();
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send("GET /health HTTP/1.1\r\n" + HOST + "X-Slow: ");
            Thread drip = Thread.ofVirtual().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        conn.send("a");
                        Thread.sleep(100);
                    }
                } catch (InterruptedException | UncheckedIOException stopped) {
                    // the server closed the connection, or the test is done
                }
            });
            try {
                connioError(conn.read(), 408, "RequestTimeout");
            } finally {
                drip.interrupt();
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(logs.lines()).hasSize(1);
    }

    @Test
    void aRequestLineThatStalls_isClosedWithoutAnAnswer_withinTheReadTimeout() {
        closedQuietly("GET /heal");
    }

    @Test
    void anIdleConnection_isClosedAfterTheReadTimeout() {
        closedQuietly("");
    }

    @Test
    void pipelinedRequests_areAnsweredInOrderUntilABadOne_andNothingAfterItRuns() {
        String name = Fixtures.unique("piped");
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send("GET /health HTTP/1.1\r\n" + HOST + "\r\n"
                    + "GET /health HTTP/1.1\r\n" + HOST + "Content-Length: -1\r\n\r\n"
                    + createClient(name));
            assertThat(conn.read().status()).isEqualTo(200);
            connioError(conn.read(), 400, "BadRequest");
            assertThat(conn.closedByServer()).isTrue();
        }
        assertNoClient(name);
        assertThat(logs.lines()).hasSize(1);
    }

    @Test
    void contentLengthWithTransferEncoding_isRefused_andTheRequestSmuggledInItsBodyNeverRuns() {
        String name = Fixtures.unique("smuggledTe");
        refusedWithHiddenRequest(
                "POST /health HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\n" + createClient(name),
                name);
    }

    @Test
    void aBadChunkSize_isRefused_andTheRequestHiddenAfterItNeverRuns() {
        String name = Fixtures.unique("smuggledChunk");
        refusedWithHiddenRequest(
                "POST /health HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n" + createClient(name),
                name);
    }

    @Test
    void expectContinue_withABodyOverTheLimit_is413WithoutA100Continue() {
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send(
                    "POST /v3/devices HTTP/1.1\r\n" + HOST + "Expect: 100-continue\r\nContent-Length: 5000000\r\n\r\n");
            RawHttp.Response first = conn.readInterim();
            connioError(first, 413, "PayloadTooLarge");
            assertThat(conn.closedByServer()).isTrue();
        }
        assertThat(logs.lines()).hasSize(1);
    }

    @Test
    void expectContinue_withABodyInTheLimit_gets100ContinueThenItsAnswer() {
        String name = Fixtures.unique("continued");
        String body = "{\"name\":\"" + name + "\"}";
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send("POST /v3/apiclients HTTP/1.1\r\n" + HOST + basic + "Expect: 100-continue\r\nContent-Length: "
                    + body.length() + "\r\n\r\n");
            assertThat(conn.readInterim().status()).isEqualTo(100);
            conn.send(body);
            RawHttp.Response r = conn.read();
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("name").asText()).isEqualTo(name);
        }
    }

    @Test
    void aBodyOverTheLimit_sentWhole_is413_andTheClientReadsIt() {
        String big = "x".repeat(HttpLimits.MAX_BODY + 200_000);
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send("POST /v3/devices HTTP/1.1\r\n" + HOST + "Content-Length: " + big.length() + "\r\n\r\n" + big);
            connioError(conn.read(), 413, "PayloadTooLarge");
            assertThat(conn.closedByServer()).isTrue();
        }
        assertThat(logs.lines()).hasSize(1);
    }

    private void timedOut(String partialRequest) {
        long start = System.nanoTime();
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send(partialRequest);
            RawHttp.Response r = conn.read();
            connioError(r, 408, "RequestTimeout");
            assertThat(r.headers()).containsEntry("connection", "close");
            assertThat(conn.closedByServer()).isTrue();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100)).isLessThan(BOUND);
        assertThat(logs.lines()).as("one log line").hasSize(1);
    }

    private void closedQuietly(String partialRequest) {
        long start = System.nanoTime();
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send(partialRequest);
            assertThat(conn.closedByServer()).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(logs.lines()).as("an idle connection is no event").isEmpty();
    }

    private void refusedWithHiddenRequest(String request, String hiddenClientName) {
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send(request);
            connioError(conn.read(), 400, "BadRequest");
            assertThat(conn.closedByServer())
                    .as("one answer, then the connection ends")
                    .isTrue();
        }
        assertNoClient(hiddenClientName);
        assertThat(logs.lines()).hasSize(1);
    }

    /** A request with a visible effect: it creates an API client named {@code name}. */
    private static String createClient(String name) {
        String body = "{\"name\":\"" + name + "\"}";
        return "POST /v3/apiclients HTTP/1.1\r\n" + HOST + basic + "Content-Length: " + body.length() + "\r\n\r\n"
                + body;
    }

    private static void assertNoClient(String name) {
        RawHttp.Response r =
                RawHttp.exchange(port, "GET /v3/apiclients/" + name + " HTTP/1.1\r\n" + HOST + basic + "\r\n");
        connioError(r, 404, "ResourceNotFound");
    }
}
