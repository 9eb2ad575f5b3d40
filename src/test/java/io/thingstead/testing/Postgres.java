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
}
