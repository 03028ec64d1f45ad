package dev.ms5.timescale.jdbc.internal.ingest;

import dev.ms5.timescale.jdbc.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch sent as multi-row {@code INSERT ... VALUES (...), (...)} statements, as the driver's
 * {@code reWriteBatchedInserts} would make them, each under PostgreSQL's limit of 65,535 bind parameters. For
 * hosts that cannot use COPY (a proxy or pooler that does not pass it through, say).
 */
public final class InsertBatch implements Batch {

    /** The most bind parameters one statement may carry (the protocol counts them in 16 bits). */
    static final int MAX_PARAMETERS = 65_535;
    /** More rows per statement than this only make the statement text longer, not the batch faster. */
    static final int MAX_ROWS_PER_STATEMENT = 1_000;

    private final Target target;
    private final boolean onConflictDoNothing;
    private final ColumnType[] types;
    private final int rowsPerStatement;
    private final String fullSql;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * Creates an empty batch.
     *
     * @param target              the table and columns
     * @param onConflictDoNothing whether to skip rows that conflict with existing ones
     * @param batchSize           the rows of a full batch
     */
    public InsertBatch(Target target, boolean onConflictDoNothing, int batchSize) {
        this.target = target;
        this.onConflictDoNothing = onConflictDoNothing;
        this.types = target.types().toArray(ColumnType[]::new);
        this.rowsPerStatement = Math.min(Math.min(batchSize, MAX_ROWS_PER_STATEMENT), MAX_PARAMETERS / types.length);
        this.fullSql = target.insertSql(rowsPerStatement, onConflictDoNothing);
    }

    /**
     * Returns how many rows one statement carries at most.
     *
     * @return rows per statement
     */
    int rowsPerStatement() {
        return rowsPerStatement;
    }

    @Override
    public void add(Object[] values) {
        Object[] converted = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            converted[i] = values[i] == null ? null : convert(types[i], values[i]);
        }
        rows.add(converted);
    }

    /**
     * Converts to what the driver binds as the column's type, as the COPY encoder would write it. Timestamps go
     * as text through {@code CAST(? AS timestamptz)}, the driver sending its own timestamps as text too.
     */
    private static Object convert(ColumnType type, Object value) {
        return switch (type) {
            case TIMESTAMPTZ -> Values.timestampText(Values.instant(value));
            case SMALLINT -> ((Number) value).shortValue();
            case INTEGER -> ((Number) value).intValue();
            case BIGINT -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case NUMERIC -> Values.decimal(value);
            default -> value;
        };
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public Counts send(Connection connection) throws SQLException {
        int full = rows.size() / rowsPerStatement;
        int rest = rows.size() % rowsPerStatement;
        long inserted = 0;
        if (full > 0) {
            try (PreparedStatement statement = connection.prepareStatement(fullSql)) {
                for (int s = 0; s < full; s++) {
                    inserted += execute(statement, s * rowsPerStatement, rowsPerStatement);
                }
            }
        }
        if (rest > 0) {
            try (PreparedStatement statement = connection.prepareStatement(
                    target.insertSql(rest, onConflictDoNothing))) {
                inserted += execute(statement, full * rowsPerStatement, rest);
            }
        }
        return new Counts(rows.size(), inserted);
    }

    private int execute(PreparedStatement statement, int first, int count) throws SQLException {
        int parameter = 1;
        for (int r = first; r < first + count; r++) {
            Object[] values = rows.get(r);
            for (int i = 0; i < types.length; i++) {
                if (values[i] == null) {
                    statement.setNull(parameter++, nullType(types[i]));
                } else {
                    statement.setObject(parameter++, values[i]);
                }
            }
        }
        return statement.executeUpdate();
    }

    private static int nullType(ColumnType type) {
        return switch (type) {
            case UUID -> Types.OTHER;
            case TIMESTAMPTZ, TEXT, JSONB -> Types.VARCHAR;
            case BOOLEAN -> Types.BOOLEAN;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case NUMERIC -> Types.NUMERIC;
        };
    }

    @Override
    public void clear() {
        rows.clear();
    }

    @Override
    public String describe() {
        return target.insertSql(1, onConflictDoNothing) + " (up to " + rowsPerStatement + " rows per statement)";
    }
}
