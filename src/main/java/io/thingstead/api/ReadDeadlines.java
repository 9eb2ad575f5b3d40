package io.thingstead.api;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.thingstead.core.ErrorCode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how long a client may take to send a request once its request line arrived: its headers
 * and body must follow within the read timeout, or it is answered 408 and its connection closed
 * (Helidon's own idle timeout only covers a connection waiting for a request line). A request is
 * tracked from its request line until {@link #arrived()}, keyed by its connection's thread, which
 * reads it and runs its handler. README: Security model.
 */
final class ReadDeadlines implements Http1ConnectionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadDeadlines.class);

    private final long timeoutNanos;
    private final Duration timeout;
    private final Map<Thread, Pending> pending = new ConcurrentHashMap<>();
    /** Connection threads whose request timed out, until they end: what fails on them next is no news. */
    private final Set<Thread> expired = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("thingstead-http-deadlines").daemon(true).unstarted(r));

    private static final class Pending {
        final ConnectionContext ctx;
        final long deadline;
        final String request;

        Pending(ConnectionContext ctx, long deadline, String request) {
            this.ctx = ctx;
            this.deadline = deadline;
            this.request = request;
        }
    }

    ReadDeadlines(Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        long period = Math.clamp(timeout.toMillis() / 4, 50, 1000);
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        String request = prologue.method().text() + " " + prologue.uriPath().rawPath();
        pending.put(Thread.currentThread(), new Pending(ctx, System.nanoTime() + timeoutNanos, request));
    }

    /** A response went out: whatever the request was, it is no longer being read. */
    @Override
    public void status(ConnectionContext ctx, Status status) {
        pending.remove(Thread.currentThread());
    }

    /**
     * The current request has arrived whole; false when its deadline passed first (its connection
     * is being closed and nothing more may be written).
     */
    boolean arrived() {
        return pending.remove(Thread.currentThread()) != null;
    }

    /**
     * True on a connection thread whose request timed out: its connection was answered 408 and
     * closed, so the failure its reading now meets was already logged.
     */
    boolean timedOut() {
        return expired.contains(Thread.currentThread());
    }

    private void sweep() {
        expired.removeIf(thread -> !thread.isAlive());
        long now = System.nanoTime();
        pending.forEach((thread, p) -> {
            if (now - p.deadline >= 0 && pending.remove(thread, p)) {
                expire(thread, p);
            }
        });
    }

    private void expire(Thread thread, Pending p) {
        try {
            if (!p.ctx.serverSocket().isConnected()) {
                return;
            }
            expired.add(thread);
            LOG.info(
                    "Closed the connection of {}: its request {} did not arrive within {} s",
                    ip(p.ctx),
                    Printable.of(p.request),
                    timeout.toSeconds());
            p.ctx.dataWriter().writeNow(BufferData.create(response()));
        } catch (RuntimeException e) {
            // the client is gone already: closing is all that is left
        } finally {
            p.ctx.serverSocket().close();
        }
    }

    private byte[] response() {
        byte[] body = Errors.body(
                ErrorCode.REQUEST_TIMEOUT,
                "The request did not arrive whole within " + timeout.toSeconds()
                        + " s of its request line; the connection is closed");
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    static String ip(ConnectionContext ctx) {
        return ctx.remotePeer().address() instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress()
                : String.valueOf(ctx.remotePeer().address());
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
