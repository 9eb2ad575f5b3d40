package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thingstead.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
            try (ResultSet r = other.createStatement()
                    .executeQuery("SELECT pg_try_advisory_lock(1414747204, hashtext(current_schema()))")) {
                r.next();
                assertThat(r.getBoolean(1)).isTrue();
            }

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
}
