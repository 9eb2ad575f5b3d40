package io.thingstead.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests a client library refuses to send: exact bytes out,
 * responses parsed by their Content-Length. Every read has a timeout, so nothing hangs a test.
 */
public final class RawHttp implements AutoCloseable {
    /** Longer than any answer may take; a read that waits this long fails the test. */
    public static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;

    /** One response: status line, headers (lower-case names) and body. */
    public record Response(int status, String statusLine, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return Http.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("The body is not JSON: " + text(), e);
            }
        }

        @Override
        public String toString() {
            return statusLine + " " + headers + " " + text();
        }
    }

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static RawHttp connect(int port) {
        try {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(READ_TIMEOUT_MS);
            return new RawHttp(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the bytes, then reads one response. */
    public static Response exchange(int port, byte[] request) {
        try (RawHttp c = connect(port)) {
            c.send(request);
            return c.read();
        }
    }

    public static Response exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Tells the server nothing more comes (a body shorter than announced, a chunk never sent). */
    public RawHttp endOutput() {
        try {
            socket.shutdownOutput();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next final response (a {@code 100 Continue} before it is skipped). */
    public Response read() {
        try {
            while (true) {
                Response r = readOne(false);
                if (r.status() != 100) {
                    return r;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next response as sent, {@code 100 Continue} included. */
    public Response readInterim() {
        try {
            return readOne(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer to a HEAD request: headers only, whatever its Content-Length says. */
    public Response readHead() {
        try {
            return readOne(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response readOne(boolean head) throws IOException {
        String statusLine = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(
                    h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    h.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Response(status, statusLine, headers, in.readNBytes(length));
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("The connection ended inside a response: " + b);
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    /** True when the server closed the connection: no more bytes come, within the read timeout. */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }
}
