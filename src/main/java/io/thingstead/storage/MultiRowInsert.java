package io.thingstead.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * An INSERT whose VALUES list repeats one row of {@code columns} parameters, run for many rows at a
 * time: one JDBC call (and one JNI crossing on SQLite) for up to {@value #ROWS_PER_STATEMENT} rows.
 * The SQL of each statement size is built once.
 */
final class MultiRowInsert {
    static final int ROWS_PER_STATEMENT = 200;

    /** Statement sizes, largest first: any row count is a sum of these, so statements are reused. */
    static final int[] SIZES = {ROWS_PER_STATEMENT, 50, 10, 1};

    private final int columns;
    private final String[] sqlBySize = new String[SIZES.length];

    MultiRowInsert(String head, int columns, String tail) {
        this.columns = columns;
        String row = "(" + "?, ".repeat(columns - 1) + "?)";
        for (int s = 0; s < SIZES.length; s++) {
            StringBuilder b = new StringBuilder(head);
            for (int i = 0; i < SIZES[s]; i++) {
                b.append(i == 0 ? "" : ", ").append(row);
            }
            sqlBySize[s] = b.append(tail).toString();
        }
    }

    @FunctionalInterface
    interface RowBinder<T> {
        /** Binds one row whose first parameter has index {@code offset + 1}. */
        void bind(PreparedStatement ps, int offset, T row) throws SQLException;
    }

    /** Prepared statements kept by the caller (one connection, one thread), by SQL text. */
    interface Statements {
        PreparedStatement get(String sql) throws SQLException;
    }

    /** Reads one row a statement returned ({@code RETURNING ...}). */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Inserts the rows with multi-row statements of the fixed {@link #SIZES}. The rows of one
     * statement must not hit the same key twice (PostgreSQL refuses an upsert that affects a row
     * twice); the writer makes sure.
     */
    <T> void insert(Statements statements, List<T> rows, RowBinder<T> binder) throws SQLException {
        insert(statements, rows, binder, null);
    }

    /**
     * As {@link #insert(Statements, List, RowBinder)}, for a statement whose tail returns rows
     * ({@code ... RETURNING ...}); {@code reader} is given each one.
     */
    <T> void insert(Statements statements, List<T> rows, RowBinder<T> binder, RowReader reader) throws SQLException {
        int from = 0;
        for (int s = 0; s < SIZES.length; s++) {
            int size = SIZES[s];
            while (rows.size() - from >= size) {
                PreparedStatement ps = statements.get(sqlBySize[s]);
                for (int i = 0; i < size; i++) {
                    binder.bind(ps, i * columns, rows.get(from + i));
                }
                if (reader == null) {
                    ps.executeUpdate();
                } else {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            reader.read(rs);
                        }
                    }
                }
                from += size;
            }
        }
    }
}
