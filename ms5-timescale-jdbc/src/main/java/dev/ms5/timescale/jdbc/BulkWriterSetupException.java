package dev.ms5.timescale.jdbc;

import dev.ms5.timescale.TimescaleException;

/**
 * A {@link BulkWriter} could not be built: a declared column is not a valid name, is declared twice, is missing
 * from the table or has another type there, or {@code onConflictDoNothing(true)} was asked of a table without a
 * unique index covering the written columns. The message lists what the table has. A table that does not exist
 * gives {@link dev.ms5.timescale.TableNotFoundException} instead.
 */
public class BulkWriterSetupException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * Creates the exception.
     *
     * @param table   the table, as the writer was given it
     * @param message what does not match and the fix
     */
    public BulkWriterSetupException(String table, String message) {
        super(message);
        this.table = table;
    }

    /**
     * Creates the exception.
     *
     * @param table   the table, as the writer was given it
     * @param message what failed and the fix
     * @param cause   the underlying failure, such as an {@link java.sql.SQLException}
     */
    public BulkWriterSetupException(String table, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    /**
     * Returns the table, as the writer was given it.
     *
     * @return e.g. {@code metric_hist}
     */
    public String table() {
        return table;
    }
}
