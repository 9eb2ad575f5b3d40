package io.thingstead.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server tests run against: {@code THINGSTEAD_TEST_PG_URL}. Without it the tests
 * say they are skipped; with {@code -Dthingstead.requirePostgres=true} (CI) they fail instead.
 * Each caller gets a fresh schema of its own.
 */
public final class Postgres {
    /** What {@code .ci/run} sets up; tried when {@code THINGSTEAD_TEST_PG_URL} is not set. */
    static final String LOCAL_DEFAULT =
            "jdbc:postgresql://127.0.0.1:5432/thingstead_test?user=postgres&password=thingstead&connectTimeout=3";

    private Postgres() {}

    public static String url() {
        String url = System.getenv("THINGSTEAD_TEST_PG_URL");
        boolean required = Boolean.getBoolean("thingstead.requirePostgres");
        if (url == null || url.isBlank()) {
            url = LOCAL_DEFAULT;
        }
        try (Connection c = DriverManager.getConnection(url)) {
            return url;
        } catch (SQLException e) {
            String why = "PostgreSQL tests SKIPPED: cannot reach " + url.replaceAll("password=[^&]*", "password=***")
                    + ": " + e.getMessage();
            if (required) {
                Assertions.fail(why + " CI requires them.");
            }
            System.err.println(why);
            Assumptions.abort(why);
            return null;
        }
    }

    /** A URL whose connections use a new, empty schema. */
    public static String freshSchemaUrl() {
        String url = url();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * The pid of the session holding Thingstead's store lock (an advisory lock keyed by the schema)
     * of {@code url}'s schema, or -1 when none does.
     */
    public static int storeLockHolder(Connection c, String url) throws SQLException {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (java.sql.PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_locks"
                + " WHERE locktype = 'advisory' AND classid = 1414747204 AND granted"
                + " AND objid = (hashtext(?)::bigint & 4294967295)::oid"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            s.setString(1, schema);
            try (java.sql.ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : -1;
            }
        }
    }

    /**
     * Ends the session {@code pid} as a database restart or a cut connection would, and returns once
     * it is gone (its advisory locks with it): {@code pg_terminate_backend} alone only signals it.
     */
    public static void endSession(Connection c, int pid) throws SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
            s.setInt(1, pid);
            try (java.sql.ResultSet r = s.executeQuery()) {
                if (!r.next() || !r.getBoolean(1)) {
                    throw new SQLException("session " + pid + " did not end within 10 s");
                }
            }
        }
    }

    /**
     * Takes Thingstead's store lock of {@code c}'s schema on {@code c}, as another server's start
     * would; whether it was free.
     */
    public static boolean takeStoreLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                java.sql.ResultSet r =
                        s.executeQuery("SELECT pg_try_advisory_lock(1414747204, hashtext(current_schema()))")) {
            r.next();
            return r.getBoolean(1);
        }
    }
}
