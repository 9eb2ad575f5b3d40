package io.thingstead.testing;

import io.thingstead.app.Config;
import io.thingstead.app.Thingstead;
import io.thingstead.core.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A real Thingstead server for integration tests: free ports, its own temporary data dir, the
 * embedded store unless a PostgreSQL URL is given, and known admin and sysadmin keys.
 */
public final class TestServer implements AutoCloseable {
    private final Path dataDir;
    private final String store;
    private final InstantSource clock;
    private final boolean mqtt;
    private Config.MqttListeners listeners = Config.MqttListeners.NONE;
    private Duration readTimeout = Config.DEFAULT_HTTP_READ_TIMEOUT;
    private UnaryOperator<Config> tweak = UnaryOperator.identity();
    private boolean canFail;
    private FailingStore failingStore;
    private final Http.Key adminKey;
    private final Http.Key sysadminKey;
    private Thingstead server;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    static {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
    }

    private TestServer(Path dataDir, String store, InstantSource clock, boolean mqtt) {
        this.mqtt = mqtt;
        this.dataDir = dataDir;
        this.store = store;
        this.clock = clock;
        this.adminKey = new Http.Key(
                "_key_1" + String.format("%018d", System.nanoTime() % 1_000_000_000_000_000_000L), Secrets.next());
        this.sysadminKey = new Http.Key(
                "_key_2" + String.format("%018d", System.nanoTime() % 1_000_000_000_000_000_000L), Secrets.next());
    }

    public static TestServer start() {
        return start("embedded");
    }

    public static TestServer start(String store) {
        return start(store, InstantSource.system());
    }

    /** A server whose every notion of time (writes, activity deadlines, queries) is {@code clock}. */
    public static TestServer start(InstantSource clock) {
        return start("embedded", clock);
    }

    public static TestServer start(String store, InstantSource clock) {
        return start(store, clock, false);
    }

    /** A server with its MQTT endpoint on a free port. */
    public static TestServer withMqtt() {
        return start("embedded", InstantSource.system(), true);
    }

    /** A server with MQTT and the given extra listeners (TLS, WebSocket). */
    public static TestServer withMqtt(Config.MqttListeners listeners) {
        return start("embedded", InstantSource.system(), true, s -> s.listeners = listeners);
    }

    /** A server whose HTTP read timeout ({@code --http-read-timeout}) is {@code timeout}. */
    public static TestServer withReadTimeout(Duration timeout) {
        return start("embedded", InstantSource.system(), false, s -> s.readTimeout = timeout);
    }

    /** A server on a given data dir and store (e.g. one another server already uses). */
    public static TestServer on(Path dataDir, String store) {
        TestServer s = new TestServer(dataDir, store, InstantSource.system(), false);
        s.boot();
        return s;
    }

    /** A server with MQTT whose configuration {@code tweak} changes before it starts (e.g. the clock skew). */
    public static TestServer configured(InstantSource clock, UnaryOperator<Config> tweak) {
        return start("embedded", clock, true, s -> s.tweak = tweak);
    }

    /** A server without MQTT whose configuration {@code tweak} changes before it starts. */
    public static TestServer withConfig(UnaryOperator<Config> tweak) {
        return start("embedded", InstantSource.system(), false, s -> s.tweak = tweak);
    }

    /**
     * A server with MQTT whose time-series store can be made to fail ({@link #store()}), with the
     * configuration {@code tweak} changes.
     */
    public static TestServer withFailingStore(UnaryOperator<Config> tweak) {
        return start("embedded", InstantSource.system(), true, s -> {
            s.tweak = tweak;
            s.canFail = true;
        });
    }

    /** The store of a server started {@link #withFailingStore}. */
    public FailingStore store() {
        return failingStore;
    }

    private static TestServer start(String store, InstantSource clock, boolean mqtt) {
        return start(store, clock, mqtt, s -> {});
    }

    private static TestServer start(String store, InstantSource clock, boolean mqtt, Consumer<TestServer> setup) {
        try {
            TestServer s = new TestServer(Files.createTempDirectory("thingstead-it"), store, clock, mqtt);
            setup.accept(s);
            s.boot();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void boot() {
        Config cfg = new Config(
                "127.0.0.1",
                0,
                mqtt ? 0 : Config.MQTT_OFF,
                dataDir,
                store,
                adminKey.id() + ":" + adminKey.secret(),
                sysadminKey.id() + ":" + sysadminKey.secret(),
                listeners,
                readTimeout,
                Config.DEFAULT_MAX_FUTURE_SKEW,
                io.thingstead.mqtt.Delivery.DEFAULT,
                0,
                0,
                Config.DEFAULT_METHOD_SCRIPT_MAX,
                Config.DEFAULT_METHOD_TIMEOUTS,
                Config.DEFAULT_METHOD_MEMORY_MIB,
                io.thingstead.alerts.delivery.DeliverySettings.DEFAULT);
        if (!canFail) {
            server = Thingstead.start(tweak.apply(cfg), clock, new PrintStream(output, true));
        } else {
            server = Thingstead.start(
                    tweak.apply(cfg),
                    clock,
                    new PrintStream(output, true),
                    real -> FailingStore.wrap(real, f -> failingStore = f));
        }
    }

    /** Stops and starts again on the same data dir and store. */
    public void restart() {
        restart(() -> {});
    }

    /** Stops, runs {@code whileStopped} (e.g. moves the clock on), and starts again on the same data dir and store. */
    public void restart(Runnable whileStopped) {
        server.close();
        whileStopped.run();
        boot();
    }

    public Http admin() {
        return new Http(baseUrl(), adminKey);
    }

    public Http sysadmin() {
        return new Http(baseUrl(), sysadminKey);
    }

    public int httpPort() {
        return server.httpPort();
    }

    public int mqttPort() {
        return server.mqttPort();
    }

    public int mqttTlsPort() {
        return server.mqttTlsPort();
    }

    public int mqttWsPort() {
        return server.mqttWsPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    /** Runs the retention purge now instead of waiting for its minute. */
    public int purgeNow() {
        return server.purgeNow();
    }

    /**
     * Runs the activity check at the server clock's time now and waits until the transitions it
     * found are stored: a test moves its clock, then checks, instead of waiting for the timer.
     */
    public void checkActivity() {
        server.checkActivityNow();
    }

    /**
     * Runs the alert timers due at the server clock's time now and releases the held-back incidents
     * whose gateway recovered: a test moves its clock, then checks, instead of waiting for the timer.
     */
    public void checkAlertTimers() {
        server.checkAlertTimersNow();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String bootOutput() {
        return output.toString();
    }

    /** Stops the server and deletes its data dir. */
    @Override
    public void close() {
        server.close();
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp dir is harmless
        }
    }
}
