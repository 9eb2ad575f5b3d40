package io.thingstead.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a free loopback port that records every request it gets, for the webhook
 * tests: it answers the statuses it is told, in order, then 200; or, once told to {@link #hang},
 * never answers until it is closed.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived: method, raw path and query, a header, the body. */
    public record Request(String method, String uri, String signature, String contentType, String body) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private record Answer(int status, String location) {}

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hang;

    private WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static WebhookReceiver start() {
        return new WebhookReceiver();
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests are answered these statuses, in order; later ones 200. */
    public void answer(Integer... statuses) {
        for (int s : statuses) {
            answers.add(new Answer(s, null));
        }
    }

    /** The next request is answered {@code status} with {@code Location: location}. */
    public void redirect(int status, String location) {
        answers.add(new Answer(status, location));
    }

    /** From now on, requests are never answered (until {@link #close}). */
    public void hang() {
        hang = true;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until at least {@code n} requests arrived; returns them all. */
    public List<Request> await(int n) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(this::requests, r -> r.size() >= n);
    }

    private void handle(HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + ex.getRequestURI().getRawQuery());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                ex.getRequestMethod(),
                raw,
                ex.getRequestHeaders().getFirst("X-Connio-Signature"),
                ex.getRequestHeaders().getFirst("Content-Type"),
                body));
        if (hang) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Answer a = answers.poll();
        if (a != null && a.location() != null) {
            ex.getResponseHeaders().add("Location", a.location());
        }
        ex.sendResponseHeaders(a == null ? 200 : a.status(), -1);
        ex.close();
    }

    @Override
    public void close() {
        if (released.getCount() == 0) {
            return;
        }
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
