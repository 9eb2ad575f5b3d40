package io.thingstead.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** An open, migrated database: the embedded SQLite file or a PostgreSQL server. */
public final class Database implements AutoCloseable {
    /** The most writer lanes a store is opened for (each may hold a connection). */
    public static final int MAX_WRITE_LANES = 16;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;

    /** The data dir of the embedded store; null on PostgreSQL. */
    private final Path dataDir;

    private Database(HikariDataSource dataSource, boolean postgres, Path dataDir) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.postgres = postgres;
        this.dataDir = postgres ? null : dataDir;
    }

    /** Opens {@code store} ({@code embedded} or a {@code jdbc:postgresql:} URL) and migrates it. */
    public static Database open(String store, Path dataDir) {
        boolean postgres = store != null && store.startsWith("jdbc:postgresql:");
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("thingstead-db");
        cfg.setInitializationFailTimeout(1);
        cfg.setConnectionTimeout(10_000);
        if (postgres) {
            cfg.setJdbcUrl(withBatchRewrite(store));
            // Each writer lane keeps a connection of its own; reads share the rest.
            cfg.setMaximumPoolSize(MAX_WRITE_LANES + 8);
        } else if (store == null || store.equals("embedded")) {
            cfg.setJdbcUrl("jdbc:sqlite:" + embeddedFile(dataDir).toAbsolutePath());
            SQLITE.forEach((k, v) -> cfg.addDataSourceProperty((String) k, v));
            cfg.setMaximumPoolSize(4);
        } else {
            throw new IllegalArgumentException(
                    "--store must be 'embedded' or a jdbc:postgresql:// URL, got '" + store + "'");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(describe(store) + " is unreachable: " + rootMessage(e), e);
        }
        try {
            // One migration set; where a database has a better form (SQLite's WITHOUT ROWID tables), its
            // own folder holds that version.
            Flyway.configure()
                    .dataSource(ds)
                    .locations(
                            "classpath:db/migration/common",
                            "classpath:db/migration/" + (postgres ? "postgresql" : "sqlite"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreUnavailableException("Cannot migrate " + describe(store) + ": " + rootMessage(e), e);
        }
        return new Database(ds, postgres, dataDir);
    }

    /** WAL with synchronous=FULL: a committed transaction survives a crash or power loss. */
    private static final Properties SQLITE = new Properties();

    static {
        SQLITE.setProperty("journal_mode", "WAL");
        SQLITE.setProperty("synchronous", "FULL");
        SQLITE.setProperty("busy_timeout", "10000");
        SQLITE.setProperty("foreign_keys", "true");
    }

    /** The embedded store's file of staged points in {@code dataDir} (see StagingWriter). */
    public static Path stagingFile(Path dataDir) {
        return dataDir.resolve("thingstead-staging.db");
    }

    /**
     * A connection of its own (outside the pool) to the embedded store with its staging file
     * attached as {@code stage}, both in WAL mode with synchronous=FULL; {@code autoCheckpoint}
     * off leaves WAL checkpoints to another connection.
     */
    Connection openStaging(boolean autoCheckpoint) throws SQLException {
        Connection c = DriverManager.getConnection(
                "jdbc:sqlite:" + embeddedFile(dataDir).toAbsolutePath(), (Properties) SQLITE.clone());
        try (Statement st = c.createStatement()) {
            st.execute("ATTACH DATABASE '"
                    + stagingFile(dataDir).toAbsolutePath().toString().replace("'", "''") + "' AS stage");
            st.execute("PRAGMA stage.journal_mode=WAL");
            st.execute("PRAGMA stage.synchronous=FULL");
            if (!autoCheckpoint) {
                st.execute("PRAGMA wal_autocheckpoint=0");
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The file of the embedded store in {@code dataDir}. */
    public static Path embeddedFile(Path dataDir) {
        return dataDir.resolve("thingstead.db");
    }

    private static String withBatchRewrite(String url) {
        if (url.contains("reWriteBatchedInserts")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** The store's name for messages, without credentials. */
    static String describe(String store) {
        if (store == null || store.equals("embedded")) {
            return "the embedded store";
        }
        int q = store.indexOf('?');
        return "the database " + (q < 0 ? store : store.substring(0, q));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /**
     * Writer lanes when none are configured: 1 on either store. SQLite has one write lock, so more
     * lanes would only queue for it. On PostgreSQL more lanes commit in parallel, each on its own
     * connection, which pays where the store's round trips and fsyncs are the limit (the store writer
     * alone: 1.3-1.9x the durable writes with 4 lanes) but costs CPU per commit (smaller groups);
     * with the server, PostgreSQL and the load generator on 2 cores, REST writes ran at 3,142-3,258
     * req/s with 1 lane against 1,771 with 2 and 1,830-3,020 with 4 (bench/README.md: writer lanes).
     */
    public int defaultWriteLanes() {
        return 1;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
