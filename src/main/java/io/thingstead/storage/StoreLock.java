package io.thingstead.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server per store, until cluster mode exists: a lock on {@code thingstead.lock} in the data
 * dir (which holds the embedded store, the key files and the broker's folders) and, on PostgreSQL,
 * a session advisory lock on the database and schema, held on a connection of its own. Both are
 * held for the life of the server and vanish with its process, so a crash never blocks the next
 * start.
 *
 * <p>PostgreSQL drops the advisory lock with its session, which can end while the server lives
 * (the database restarted, a proxy cut the connection, an administrator ended it): then a second
 * server could start on the same schema and both would write. So the lock's session is checked
 * every {@link #CHECK_EVERY}; a session found ended is replaced and the lock taken again, and if
 * another server holds it by then, the lock is lost: logged, and {@link #onLost} runs once (the
 * server stops). A cut connection can leave its session alive, still holding the lock, until
 * PostgreSQL notices: that session is this server's own, so it is ended and the lock taken over.
 * While the database cannot be reached the check tries again at the next turn.
 */
public final class StoreLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLock.class);
    static final String FILE = "thingstead.lock";
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    /** The advisory lock's first key ("TSTD"); the second is the hash of the schema name. */
    private static final int PG_LOCK_CLASS = 0x54535444;

    private final FileChannel channel;
    private final FileLock fileLock;
    private final String pgUrl;
    private volatile Session pgSession;
    private final ScheduledExecutorService watch;
    private volatile Thread watchThread;
    private volatile Runnable onLost = () -> {};
    private volatile boolean lost;
    private boolean unreachableLogged;

    private StoreLock(FileChannel channel, FileLock fileLock, String pgUrl, Session pgSession, Duration every) {
        this.channel = channel;
        this.fileLock = fileLock;
        this.pgUrl = pgUrl;
        this.pgSession = pgSession;
        if (pgSession == null) {
            watch = null;
            return;
        }
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            watchThread = Thread.ofPlatform()
                    .name("thingstead-store-lock")
                    .daemon(true)
                    .unstarted(r);
            return watchThread;
        });
        watch.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * What to do once the lock is lost to another server: run on the lock's own thread when that
     * happens, or at once if it already has (so it may run twice in a race: make it idempotent).
     */
    public void onLost(Runnable action) {
        this.onLost = action;
        if (lost) {
            action.run();
        }
    }

    /** Whether another server took the PostgreSQL lock after this one's session ended. */
    public boolean lost() {
        return lost;
    }

    /** One look at the lock's session: kept, taken again on a new session, or lost. */
    private void check() {
        try {
            if (pgSession.connection().isValid(2)) {
                return;
            }
        } catch (SQLException | RuntimeException e) {
            // ended, as isValid false
        }
        close(pgSession.connection());
        try {
            pgSession = lockDatabase(pgUrl, pgSession.pid());
            unreachableLogged = false;
            LOG.warn("The store lock's database session had ended; the lock is taken again on a new one");
        } catch (InUse e) {
            lost = true;
            LOG.error(
                    "The store lock was lost: its database session ended, and another server holds it now ({})",
                    e.getMessage());
            watch.shutdown();
            onLost.run();
        } catch (StoreUnavailableException e) {
            if (!unreachableLogged) {
                unreachableLogged = true;
                LOG.warn(
                        "The store lock's database session ended and the lock cannot be taken again yet: {}",
                        e.getMessage());
            }
        }
    }

    /** Thrown when another server holds the store; its message is the one line to print. */
    public static final class InUse extends RuntimeException {
        InUse(String message) {
            super(message);
        }
    }

    /** Takes the locks of {@code store} ({@code embedded} or a PostgreSQL URL) and {@code dataDir}. */
    public static StoreLock acquire(String store, Path dataDir) {
        return acquire(store, dataDir, CHECK_EVERY);
    }

    /** As {@link #acquire(String, Path)}, the PostgreSQL lock's session checked every {@code every}. */
    static StoreLock acquire(String store, Path dataDir, Duration every) {
        FileChannel channel = null;
        try {
            Path file = dataDir.resolve(FILE);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new InUse("The data directory " + dataDir.toAbsolutePath() + " is in use by another Thingstead"
                        + " server" + holder(file) + "; stop it first");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            boolean postgres = store != null && store.startsWith("jdbc:postgresql:");
            Session pg = postgres ? lockDatabase(store, 0) : null;
            return new StoreLock(channel, lock, postgres ? store : null, pg, every);
        } catch (IOException e) {
            close(channel);
            throw new StoreUnavailableException(
                    "Cannot lock the data directory " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file).strip();
            return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The lock's session: its connection and its process id at the database. */
    private record Session(Connection connection, int pid) {}

    /** One try at the lock on {@code c}: whether it was taken, the schema, the session's process id. */
    private record Try(boolean locked, String schema, int pid) {}

    private static final String END_STALE = "SELECT pg_terminate_backend(pid, 5000) FROM pg_locks"
            + " WHERE pid = ? AND locktype = 'advisory' AND granted AND classid = " + PG_LOCK_CLASS
            + " AND objid = (hashtext(coalesce(current_schema(), ''))::bigint & 4294967295)::oid"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    /**
     * Takes the advisory lock on a new session. {@code stalePid} is this server's own earlier lock
     * session, or 0: when the lock is held by that very session (a connection cut on the way, whose
     * end PostgreSQL has not noticed yet, so it still holds the lock for us), that session is ended
     * and the lock taken again; held by any other, the store is in use.
     */
    private static Session lockDatabase(String url, int stalePid) {
        Connection c;
        try {
            c = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new StoreUnavailableException(
                    Database.describe(url) + " is unreachable: " + Database.rootMessage(e), e);
        }
        try {
            Try t = tryLock(c);
            if (!t.locked() && stalePid > 0 && endStale(c, stalePid)) {
                t = tryLock(c);
            }
            if (!t.locked()) {
                c.close();
                throw new InUse(Database.describe(url) + (t.schema().isEmpty() ? "" : " (schema " + t.schema() + ")")
                        + " is in use by another Thingstead server; stop it first");
            }
            return new Session(c, t.pid());
        } catch (SQLException e) {
            close(c);
            throw new StoreUnavailableException(
                    "Cannot lock " + Database.describe(url) + ": " + Database.rootMessage(e), e);
        }
    }

    private static Try tryLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_try_advisory_lock(" + PG_LOCK_CLASS
                        + ", hashtext(coalesce(current_schema(), ''))), coalesce(current_schema(), ''),"
                        + " pg_backend_pid()")) {
            r.next();
            return new Try(r.getBoolean(1), r.getString(2), r.getInt(3));
        }
    }

    /** Ends session {@code pid} if it holds this store's lock, and waits until it is gone; whether it did. */
    private static boolean endStale(Connection c, int pid) throws SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement(END_STALE)) {
            s.setInt(1, pid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /** Releases the locks: another server may start on the store now. */
    @Override
    public void close() {
        if (watch != null) {
            watch.shutdownNow();
            try {
                // a look under way ends first, so a session it opened is closed below; from onLost
                // (the look itself) there is nothing to wait for
                if (Thread.currentThread() != watchThread) {
                    watch.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pgSession != null) {
            close(pgSession.connection());
        }
        try {
            fileLock.release();
        } catch (IOException | RuntimeException e) {
            // closing the channel releases it as well
        }
        close(channel);
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // nothing held is left to release
        }
    }
}
