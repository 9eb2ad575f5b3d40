package io.thingstead.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * An INSERT whose VALUES list repeats one row of {@code columns} parameters, run for many rows at a
 * time: one JDBC call (and one JNI crossing on SQLite) for up to {@value #ROWS_PER_STATEMENT} rows.
 */
record MultiRowInsert(String head, int columns, String tail) {
    String sql(int rows) {
        String row = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder b = new StringBuilder(head);
        for (int i = 0; i < rows; i++) {
            b.append(i == 0 ? "" : ", ").append(row);
        }
        return b.append(tail).toString();
    }

    static final int ROWS_PER_STATEMENT = 200;

    @FunctionalInterface
    interface RowBinder<T> {
        /** Binds one row whose first parameter has index {@code offset + 1}. */
        void bind(PreparedStatement ps, int offset, T row) throws SQLException;
    }

    /**
     * Inserts the rows with multi-row statements. The rows of one statement must not hit the same
     * key twice (PostgreSQL refuses an upsert that affects a row twice); the writer makes sure.
     */
    static <T> void insert(Connection c, MultiRowInsert stmt, List<T> rows, RowBinder<T> binder) throws SQLException {
        PreparedStatement full = null;
        try {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                int n = Math.min(ROWS_PER_STATEMENT, rows.size() - from);
                PreparedStatement ps;
                if (n == ROWS_PER_STATEMENT) {
                    if (full == null) {
                        full = c.prepareStatement(stmt.sql(n));
                    }
                    ps = full;
                } else {
                    ps = c.prepareStatement(stmt.sql(n));
                }
                try {
                    for (int i = 0; i < n; i++) {
                        binder.bind(ps, i * stmt.columns(), rows.get(from + i));
                    }
                    ps.executeUpdate();
                } finally {
                    if (ps != full) {
                        ps.close();
                    }
                }
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
    }
}
