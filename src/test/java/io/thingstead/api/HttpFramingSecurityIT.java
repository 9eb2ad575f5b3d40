package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken HTTP/1.1 sent byte for byte: whichever layer refuses it, the answer is the Connio error
 * array, the server logs at most one line and no stack trace, and stays healthy (README: Security
 * model). Timeouts, pipelining and smuggling are in {@link HttpTimingSecurityIT}.
 */
class HttpFramingSecurityIT extends HttpSecurityItBase {
    /** A refused request: its bytes, whether the client then ends its output, and the answer. */
    record Case(String name, String request, boolean endOutput, int status, String code) {
        static Case of(String name, String request, int status, String code) {
            return new Case(name, request, false, status, code);
        }

        static Case cut(String name, String request, int status, String code) {
            return new Case(name, request, true, status, code);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> framingErrors() {
        String post = "POST /v3/devices HTTP/1.1\r\n" + HOST;
        String chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
        return Stream.of(
                Case.cut(
                        "a body shorter than its Content-Length",
                        post + "Content-Length: 100\r\n\r\n{\"n\":",
                        400,
                        "BadRequest"),
                Case.of("a chunk size that is not hex", chunked + "ZZ\r\nabc\r\n0\r\n\r\n", 400, "BadRequest"),
                Case.of("a chunk size beyond 32 bits", chunked + "FFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n", 400, "BadRequest"),
                Case.cut("a chunk longer than its size", chunked + "3\r\nabcdef\r\n0\r\n\r\n", 400, "BadRequest"),
                Case.cut("no last chunk", chunked + "3\r\nabc\r\n", 400, "BadRequest"),
                Case.of(
                        "a broken percent escape in the path",
                        "GET /v3/dev%zzices HTTP/1.1\r\n" + HOST + "\r\n",
                        400,
                        "BadRequest"),
                Case.of(
                        "a broken percent escape in the query",
                        "GET /v3/devices?name=%zz HTTP/1.1\r\n" + HOST + "\r\n",
                        400,
                        "BadRequest"),
                Case.of("a negative Content-Length", post + "Content-Length: -5\r\n\r\n", 400, "BadRequest"),
                Case.of(
                        "two Content-Lengths",
                        post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
                        400,
                        "BadRequest"),
                Case.of(
                        "twice the same Content-Length",
                        post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\nab",
                        400,
                        "BadRequest"),
                Case.of(
                        "a Content-Length that is not a number",
                        post + "Content-Length: 12abc\r\n\r\n",
                        400,
                        "BadRequest"),
                Case.of("a Content-Length with a sign", post + "Content-Length: +2\r\n\r\nab", 400, "BadRequest"),
                Case.of(
                        "Content-Length and Transfer-Encoding",
                        post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        400,
                        "BadRequest"),
                Case.of(
                        "a Transfer-Encoding that is not chunked",
                        post + "Transfer-Encoding: gzip\r\n\r\n",
                        400,
                        "BadRequest"),
                Case.of(
                        "a chunked Transfer-Encoding twice",
                        post + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
                        400,
                        "BadRequest"),
                Case.of("an empty Transfer-Encoding", post + "Transfer-Encoding: \r\n\r\n", 400, "BadRequest"),
                Case.of(
                        "a transfer coding besides chunked",
                        post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                        501,
                        "NotImplemented"),
                Case.of(
                        "a Content-Encoding",
                        post + "Content-Encoding: gzip\r\nContent-Length: 2\r\n\r\nab",
                        400,
                        "BadRequest"),
                Case.of(
                        "headers over 16 KiB",
                        "GET /health HTTP/1.1\r\n" + HOST + "X-A: " + "a".repeat(20_000) + "\r\n\r\n",
                        431,
                        "HeadersTooLarge"),
                Case.of(
                        "Basic credentials over the header limit",
                        "GET /v3/devices HTTP/1.1\r\n" + HOST + "Authorization: Basic " + "QUFB".repeat(5_000)
                                + "\r\n\r\n",
                        431,
                        "HeadersTooLarge"),
                Case.of(
                        "a request line over 4 KiB",
                        "GET /health?" + "a".repeat(5_000) + " HTTP/1.1\r\n" + HOST + "\r\n",
                        414,
                        "UriTooLong"),
                Case.of("a garbage request line", "\u0000\u0001garbage\r\n\r\n", 400, "BadRequest"),
                Case.of("a request line without a version", "GET /health\r\n" + HOST + "\r\n", 400, "BadRequest"),
                Case.of("a lower-case version", "GET /health http/1.1\r\n" + HOST + "\r\n", 400, "BadRequest"),
                Case.of(
                        "two spaces in the request line",
                        "GET  /health HTTP/1.1\r\n" + HOST + "\r\n",
                        400,
                        "BadRequest"),
                Case.of(
                        "a method with a control character",
                        "GE\tT /health HTTP/1.1\r\n" + HOST + "\r\n",
                        400,
                        "BadRequest"),
                Case.of("a method with a separator", "G(T /health HTTP/1.1\r\n" + HOST + "\r\n", 400, "BadRequest"),
                Case.of("HTTP/1.0 without Host", "GET /health HTTP/1.0\r\n\r\n", 505, "HttpVersionNotSupported"),
                Case.of("the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400, "BadRequest"),
                Case.of("HTTP/1.1 without Host", "GET /health HTTP/1.1\r\n\r\n", 400, "BadRequest"),
                Case.of("two Host headers", "GET /health HTTP/1.1\r\n" + HOST + HOST + "\r\n", 400, "BadRequest"),
                Case.of("a Host with a space", "GET /health HTTP/1.1\r\nHost: a b\r\n\r\n", 400, "BadRequest"),
                Case.of(
                        "a CR inside a header value",
                        "GET /health HTTP/1.1\r\n" + HOST + "X-A: a\rSet-Cookie: x\r\n\r\n",
                        400,
                        "BadRequest"),
                Case.of(
                        "a NUL inside a header value",
                        "GET /health HTTP/1.1\r\n" + HOST + "X-A: a\u0000b\r\n\r\n",
                        400,
                        "BadRequest"),
                Case.of("bare LF line ends", "GET /health HTTP/1.1\n" + HOST.strip() + "\n\n", 400, "BadRequest"),
                Case.of(
                        "a folded header line",
                        "GET /health HTTP/1.1\r\n" + HOST + "X-A: a\r\n b\r\n\r\n",
                        400,
                        "BadRequest"),
                Case.of(
                        "a space before a header's colon",
                        "GET /health HTTP/1.1\r\nHost : t\r\n\r\n",
                        400,
                        "BadRequest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framingErrors")
    void badFraming_isRefusedWithTheConnioArray_inOneLogLine_andTheConnectionClosed(Case c) {
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send(c.request().getBytes(StandardCharsets.ISO_8859_1));
            if (c.endOutput()) {
                conn.endOutput();
            }
            RawHttp.Response r = conn.read();
            connioError(r, c.status(), c.code());
            assertThat(r.headers()).containsEntry("connection", "close");
            assertThat(conn.closedByServer())
                    .as("the connection is closed after the answer")
                    .isTrue();
        }
        assertThat(logs.lines()).as("one log line").hasSize(1);
    }

    static Stream<Case> routedErrors() {
        return Stream.of(
                Case.of(
                        "an unknown method on /health",
                        "FOO /health HTTP/1.1\r\n" + HOST + "\r\n",
                        405,
                        "MethodNotAllowed"),
                Case.of("TRACE on /health", "TRACE /health HTTP/1.1\r\n" + HOST + "\r\n", 405, "MethodNotAllowed"),
                Case.of(
                        "an unknown method on the API",
                        "FOO /v3/devices HTTP/1.1\r\n" + HOST + "%BASIC%\r\n",
                        405,
                        "MethodNotAllowed"),
                Case.of(
                        "raw bytes that are not ASCII in the path",
                        "GET /v3/devices/\u00ff\u00fe HTTP/1.1\r\n" + HOST + "%BASIC%\r\n",
                        400,
                        "BadRequest"),
                Case.of(
                        "escaped bytes that are not UTF-8 in the path",
                        "GET /v3/devices/%ff%fe HTTP/1.1\r\n" + HOST + "%BASIC%\r\n",
                        400,
                        "BadRequest"),
                Case.of(
                        "an Authorization that is not Basic",
                        "GET /v3/devices HTTP/1.1\r\n" + HOST + "Authorization: Bearer abc\r\n\r\n",
                        401,
                        "Unauthorized"),
                Case.of(
                        "Basic credentials that are not Base64",
                        "GET /v3/devices HTTP/1.1\r\n" + HOST + "Authorization: Basic %%%\r\n\r\n",
                        401,
                        "Unauthorized"),
                Case.of(
                        "Basic credentials without a colon",
                        "GET /v3/devices HTTP/1.1\r\n" + HOST + "Authorization: Basic " + b64("nocolon") + "\r\n\r\n",
                        401,
                        "Unauthorized"),
                Case.of(
                        "very long Basic credentials",
                        "GET /v3/devices HTTP/1.1\r\n" + HOST + "Authorization: Basic "
                                + b64("k".repeat(4_000) + ":" + "s".repeat(4_000)) + "\r\n\r\n",
                        401,
                        "Unauthorized"),
                Case.of(
                        "an encoded CRLF in the path",
                        "GET /v3/devices/x%0d%0aSet-Cookie:%20y HTTP/1.1\r\n" + HOST + "%BASIC%\r\n",
                        404,
                        "ResourceNotFound"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routedErrors")
    void badRequestThatParses_isRefusedWithTheConnioArray_andTheConnectionStaysUsable(Case c) {
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send(c.request().replace("%BASIC%", basic).getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Response r = conn.read();
            connioError(r, c.status(), c.code());
            assertThat(r.headers()).doesNotContainKey("set-cookie");
            conn.send("GET /health HTTP/1.1\r\n" + HOST + "\r\n");
            assertThat(conn.read().status())
                    .as("the next request on the connection")
                    .isEqualTo(200);
        }
        assertThat(logs.lines()).as("an API error is no server event").isEmpty();
    }

    @Test
    void absoluteFormRequestTarget_isServedForItsPath() {
        RawHttp.Response r = RawHttp.exchange(port, "GET http://t/health HTTP/1.1\r\n" + HOST + "\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("up");
    }

    @Test
    void head_getsTheHeadersWithoutABody_soAPipelinedRequestAfterItIsReadRight() {
        try (RawHttp conn = RawHttp.connect(port)) {
            conn.send("HEAD /health HTTP/1.1\r\n" + HOST + "\r\nGET /health HTTP/1.1\r\n" + HOST + "\r\n");
            RawHttp.Response head = conn.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).containsEntry("content-length", "15");
            // the HEAD answer carries no body: the next bytes are the GET's answer
            assertThat(conn.read().json().path("status").asText()).isEqualTo("up");
        }
    }
}
