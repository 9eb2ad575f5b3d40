package io.thingstead.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./thingstead} as a user runs it: a real process with only the given {@code THINGSTEAD_*}
 * variables, its output in files of a directory of the test. Closing it kills what still runs.
 */
public final class Launcher implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    private final Path out;
    private final Path err;

    private Launcher(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code ./thingstead args...}; its output goes to files under {@code dir}. */
    public static Launcher start(Path dir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("./thingstead"));
        cmd.addAll(List.of(args));
        int run = RUNS.incrementAndGet();
        Path out = dir.resolve("out-" + run + ".log");
        Path err = dir.resolve("err-" + run + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(".").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("THINGSTEAD_"));
        pb.environment().putAll(env);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        try {
            return new Launcher(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code ./thingstead args...} to its end (at most a minute). */
    public static Launcher run(Path dir, Map<String, String> env, String... args) {
        Launcher l = start(dir, env, args);
        l.exitCode();
        return l;
    }

    /** Waits for the process to end; its exit code. */
    public int exitCode() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("./thingstead did not end within a minute: " + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String stdout() {
        return read(out);
    }

    public String stderr() {
        return read(err);
    }

    /** Waits until {@code GET /health} on the port answers 200. */
    public Launcher awaitHealthy(int port) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!process.isAlive()) {
                return true;
            }
            try {
                return client.send(health, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        if (!process.isAlive()) {
            throw new AssertionError("./thingstead ended: " + stderr());
        }
        return this;
    }

    /** SIGTERM, then the exit code. */
    public int stop() {
        process.destroy();
        return exitCode();
    }

    /** SIGKILL: the process dies as in a crash. */
    public void kill() {
        process.destroyForcibly();
        exitCode();
    }

    /** Kills the process if it still runs: a failed test leaves no server behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
