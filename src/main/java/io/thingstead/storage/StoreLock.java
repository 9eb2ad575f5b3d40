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

/**
 * One server per store, until cluster mode exists: a lock on {@code thingstead.lock} in the data
 * dir (which holds the embedded store, the key files and the broker's folders) and, on PostgreSQL,
 * a session advisory lock on the database and schema, held on a connection of its own. Both are
 * held for the life of the server and vanish with its process, so a crash never blocks the next
 * start.
 */
public final class StoreLock implements AutoCloseable {
    static final String FILE = "thingstead.lock";
    /** The advisory lock's first key ("TSTD"); the second is the hash of the schema name. */
    private static final int PG_LOCK_CLASS = 0x54535444;

    private final FileChannel channel;
    private final FileLock fileLock;
    private final Connection pgSession;

    private StoreLock(FileChannel channel, FileLock fileLock, Connection pgSession) {
        this.channel = channel;
        this.fileLock = fileLock;
        this.pgSession = pgSession;
    }

    /** Thrown when another server holds the store; its message is the one line to print. */
    public static final class InUse extends RuntimeException {
        InUse(String message) {
            super(message);
        }
    }

    /** Takes the locks of {@code store} ({@code embedded} or a PostgreSQL URL) and {@code dataDir}. */
    public static StoreLock acquire(String store, Path dataDir) {
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
            Connection pg = store != null && store.startsWith("jdbc:postgresql:") ? lockDatabase(store) : null;
            return new StoreLock(channel, lock, pg);
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

    private static Connection lockDatabase(String url) {
        Connection c;
        try {
            c = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new StoreUnavailableException(
                    Database.describe(url) + " is unreachable: " + Database.rootMessage(e), e);
        }
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_try_advisory_lock(" + PG_LOCK_CLASS
                        + ", hashtext(coalesce(current_schema(), ''))), coalesce(current_schema(), '')")) {
            r.next();
            if (!r.getBoolean(1)) {
                String schema = r.getString(2);
                c.close();
                throw new InUse(Database.describe(url) + (schema.isEmpty() ? "" : " (schema " + schema + ")")
                        + " is in use by another Thingstead server; stop it first");
            }
            return c;
        } catch (SQLException e) {
            close(c);
            throw new StoreUnavailableException(
                    "Cannot lock " + Database.describe(url) + ": " + Database.rootMessage(e), e);
        }
    }

    /** Releases the locks: another server may start on the store now. */
    @Override
    public void close() {
        close(pgSession);
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
