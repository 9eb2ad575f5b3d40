package io.thingstead.storage;

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
    /** Statement sizes, largest first: any row count is a sum of these, so statements are reused. */
    static final int[] SIZES = {ROWS_PER_STATEMENT, 50, 10, 1};

    /** Prepared statements kept by the caller (one connection, one thread), by SQL text. */
    interface Statements {
        PreparedStatement get(String sql) throws SQLException;
    }

    /**
     * Inserts the rows with multi-row statements of the fixed {@link #SIZES}. The rows of one
     * statement must not hit the same key twice (PostgreSQL refuses an upsert that affects a row
     * twice); the writer makes sure.
     */
    static <T> void insert(Statements statements, MultiRowInsert stmt, List<T> rows, RowBinder<T> binder)
            throws SQLException {
        int from = 0;
        for (int size : SIZES) {
            while (rows.size() - from >= size) {
                PreparedStatement ps = statements.get(stmt.sql(size));
                for (int i = 0; i < size; i++) {
                    binder.bind(ps, i * stmt.columns(), rows.get(from + i));
                }
                ps.executeUpdate();
                from += size;
            }
        }
    }
}
