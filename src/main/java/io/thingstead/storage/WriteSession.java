package io.thingstead.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection kept for writing (not auto-committing) with its prepared statements, used by one
 * thread at a time. It opens on first use; {@link #close} discards it (an open transaction rolls
 * back with it), and the next use opens a fresh one.
 */
final class WriteSession implements MultiRowInsert.Statements, AutoCloseable {
    /** Opens a connection for a session. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    WriteSession(Opener opener) {
        this.opener = opener;
    }

    boolean isOpen() {
        return connection != null;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = opener.open();
            c.setAutoCommit(false);
            connection = c;
        }
        return connection;
    }

    /** The statement for {@code sql}, prepared once per connection. */
    @Override
    public PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection().prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    void commit() throws SQLException {
        connection().commit();
    }

    /** Runs {@code sql} (no parameters; a statement or a pragma, whatever it returns) on the session. */
    void execute(String sql) throws SQLException {
        try (Statement st = connection().createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        statements.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is discarded either way
            }
            connection = null;
        }
    }
}
