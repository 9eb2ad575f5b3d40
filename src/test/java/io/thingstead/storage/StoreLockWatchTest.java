package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thingstead.testing.Postgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL store lock outlives its session: a lock whose session was ended while the server
 * lives is taken again on a new one; if another server took it meanwhile, the lock is lost and
 * says so once.
 */
class StoreLockWatchTest {
    private static final Duration QUICK = Duration.ofMillis(100);

    @Test
    void aLockWhoseSessionWasEnded_isTakenAgainOnANewSession(@TempDir Path dir) throws Exception {
        String url = Postgres.freshSchemaUrl();
        AtomicInteger lost = new AtomicInteger();
        try (Connection test = DriverManager.getConnection(Postgres.url());
                StoreLock lock = StoreLock.acquire(url, dir, QUICK)) {
            lock.onLost(lost::incrementAndGet);
            int first = Postgres.storeLockHolder(test, url);
            assertThat(first).isPositive();

            Postgres.endSession(test, first);

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                int now = Postgres.storeLockHolder(test, url);
                return now > 0 && now != first;
            });
            assertThat(lock.lost()).isFalse();
            assertThat(lost).hasValue(0);
        }
    }

    @Test
    void aLockAnotherTookWhileItsSessionWasEnded_isLost_once(@TempDir Path dir) throws Exception {
        String url = Postgres.freshSchemaUrl();
        AtomicInteger lost = new AtomicInteger();
        try (Connection other = DriverManager.getConnection(url);
                StoreLock lock = StoreLock.acquire(url, dir, Duration.ofSeconds(1))) {
            lock.onLost(lost::incrementAndGet);

            Postgres.endSession(other, Postgres.storeLockHolder(other, url));
            // another server's start, before the next look
            assertThat(Postgres.takeStoreLock(other)).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(lock::lost);
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(lost).hasValue(1));
        }
    }

    @Test
    void closing_releasesTheLock_andStopsLooking(@TempDir Path dir) throws Exception {
        String url = Postgres.freshSchemaUrl();
        try (Connection test = DriverManager.getConnection(Postgres.url())) {
            StoreLock.acquire(url, dir, QUICK).close();
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> Postgres.storeLockHolder(test, url) == -1);
        }
    }

    /**
     * A network cut PostgreSQL has not noticed: the client's connection is gone, its session lives on
     * and still holds the lock. That session is this server's own, so it is ended and the lock taken
     * again, not counted as another server's.
     */
    @Test
    void aCutConnectionWhoseSessionStillHoldsTheLock_isTakenOver_notLost(@TempDir Path dir) throws Exception {
        String url = Postgres.freshSchemaUrl();
        AtomicInteger lost = new AtomicInteger();
        try (Relay relay = new Relay(url);
                Connection test = DriverManager.getConnection(Postgres.url());
                StoreLock lock = StoreLock.acquire(relay.url(), dir, QUICK)) {
            lock.onLost(lost::incrementAndGet);
            int first = Postgres.storeLockHolder(test, url);

            relay.cutClients();

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                int now = Postgres.storeLockHolder(test, url);
                return now > 0 && now != first;
            });
            assertThat(lock.lost()).isFalse();
            assertThat(lost).hasValue(0);
        }
    }

    /**
     * A TCP relay to the database of a JDBC URL whose client sides can be cut while the sides to
     * the database stay open, as a connection lost on the way that the database has not noticed.
     */
    private static final class Relay implements AutoCloseable {
        private static final Pattern HOST = Pattern.compile("//([^/:?]+)(?::(\\d+))?/");
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        private final List<Socket> upstreams = new CopyOnWriteArrayList<>();
        private final String url;

        Relay(String target) throws IOException {
            Matcher m = HOST.matcher(target);
            if (!m.find()) {
                throw new IllegalArgumentException("no host in " + target);
            }
            String host = m.group(1);
            int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
            url = m.replaceFirst("//127.0.0.1:" + server.getLocalPort() + "/");
            Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(host, port);
                        clients.add(client);
                        upstreams.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        String url() {
            return url;
        }

        /** Copies until either side fails; closes nothing, so a cut client leaves its upstream open. */
        private static void pump(Socket from, Socket to) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException cut) {
                    // one side is gone; the other stays as it is
                }
            });
        }

        void cutClients() throws IOException {
            for (Socket c : clients) {
                c.close();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : clients) {
                s.close();
            }
            for (Socket s : upstreams) {
                s.close();
            }
        }
    }
}
