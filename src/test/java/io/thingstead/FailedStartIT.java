package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.thingstead.app.Config;
import io.thingstead.app.Thingstead;
import io.thingstead.mqtt.Delivery;
import io.thingstead.testing.Launcher;
import io.thingstead.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that fails half way closes what it had opened, in reverse order: no thread of ours,
 * no bound port and no store lock is left behind, so the next start on the same data dir works.
 * The port is taken while the start runs (after the early port check, as when another process
 * wins the race), from the hook that wraps the time series.
 */
class FailedStartIT {
    @TempDir
    Path dataDir;

    private final AtomicReference<ServerSocket> squatter = new AtomicReference<>();
    /** Our threads alive before the start (process-wide ones other tests' servers began). */
    private final List<Thread> before = ourThreads();

    @AfterEach
    void releasePort() throws IOException {
        if (squatter.get() != null) {
            squatter.get().close();
        }
    }

    @Test
    void httpPortTakenOnceMqttIsUp_failsTheStart_andLeavesNoThreadPortOrLockBehind() {
        int http = Launcher.freePort();
        int mqtt = Launcher.freePort();
        assertThatThrownBy(() -> start(http, mqtt, http))
                .isInstanceOf(Thingstead.StartupFailure.class)
                .hasMessageContaining("HTTP port " + http + " is already in use");
        assertNothingLeftBehind(mqtt);
    }

    @Test
    void mqttPortTakenOnceTheStoreAndWriterRun_failsTheStart_andLeavesNoThreadPortOrLockBehind() {
        int http = Launcher.freePort();
        int mqtt = Launcher.freePort();
        assertThatThrownBy(() -> start(http, mqtt, mqtt))
                .isInstanceOf(Thingstead.StartupFailure.class)
                .hasMessageStartingWith("Cannot start MQTT on port " + mqtt + ": ");
        assertNothingLeftBehind(http);
    }

    private void assertNothingLeftBehind(int otherPort) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ourThreads()).isSubsetOf(before));
        assertThat(canBind(otherPort))
                .as("port " + otherPort + " is free again")
                .isTrue();
        try (TestServer next = TestServer.on(dataDir, "embedded")) {
            assertThat(next.admin().get("/health").status()).isEqualTo(200);
        }
    }

    /** Starts on the ports; {@code taken} is bound by someone else once the time series is open. */
    private Thingstead start(int http, int mqtt, int taken) {
        Config cfg = new Config(
                "127.0.0.1",
                http,
                mqtt,
                dataDir,
                "embedded",
                null,
                null,
                Config.MqttListeners.NONE,
                Config.DEFAULT_HTTP_READ_TIMEOUT,
                Config.DEFAULT_MAX_FUTURE_SKEW,
                Delivery.DEFAULT,
                0,
                0,
                Config.DEFAULT_METHOD_SCRIPT_MAX,
                Config.DEFAULT_METHOD_TIMEOUTS,
                Config.DEFAULT_METHOD_MEMORY_MIB,
                io.thingstead.alerts.delivery.DeliverySettings.DEFAULT);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
        return Thingstead.start(cfg, InstantSource.system(), out, series -> {
            squatter.set(bind(taken));
            return series;
        });
    }

    private static List<Thread> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("thingstead-"))
                .toList();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = bind(port)) {
            return s.isBound();
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
