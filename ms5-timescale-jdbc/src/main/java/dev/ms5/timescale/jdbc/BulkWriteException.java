package dev.ms5.timescale.jdbc;

import dev.ms5.timescale.TimescaleException;

/**
 * A batch of a {@link BulkWriter} failed and was rolled back; the batches before it are committed. Write again
 * from row {@link #firstRow()} (rows are numbered from 1 in the order the writer accepted them) and nothing is
 * lost or duplicated, except when {@link #commitOutcomeUnknown()} says the connection was lost during the
 * batch's COMMIT. The writer that threw it accepts no more rows.
 */
public class BulkWriteException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final long committedRows;
    private final long batch;
    private final long firstRow;
    private final long lastRow;
    private final String sqlState;
    private final boolean commitOutcomeUnknown;

    /**
     * Creates the exception.
     *
     * @param message              what failed, the numbers and the fix
     * @param cause                the server's error, such as an {@link java.sql.SQLException}
     * @param table                the table, as the writer was given it
     * @param committedRows        rows committed by the earlier batches
     * @param batch                the failed batch, from 1
     * @param firstRow             the failed batch's first row, from 1
     * @param lastRow              the failed batch's last row
     * @param sqlState             the SQLState, or {@code ""} when there is none
     * @param commitOutcomeUnknown whether the connection was lost during COMMIT, so the batch may be committed
     */
    public BulkWriteException(String message, Throwable cause, String table, long committedRows, long batch,
                              long firstRow, long lastRow, String sqlState, boolean commitOutcomeUnknown) {
        super(message, cause);
        this.table = table;
        this.committedRows = committedRows;
        this.batch = batch;
        this.firstRow = firstRow;
        this.lastRow = lastRow;
        this.sqlState = sqlState == null ? "" : sqlState;
        this.commitOutcomeUnknown = commitOutcomeUnknown;
    }

    /**
     * Returns the table, as the writer was given it.
     *
     * @return e.g. {@code factory_telemetry.metric_hist}
     */
    public String table() {
        return table;
    }

    /**
     * Returns the rows committed by the batches before the failed one: rows 1 to this number are in the table.
     *
     * @return the committed rows
     */
    public long committedRows() {
        return committedRows;
    }

    /**
     * Returns the number of the failed batch.
     *
     * @return the batch, from 1
     */
    public long batch() {
        return batch;
    }

    /**
     * Returns the failed batch's first row, the row to write again from.
     *
     * @return {@code committedRows() + 1}
     */
    public long firstRow() {
        return firstRow;
    }

    /**
     * Returns the failed batch's last row.
     *
     * @return the last row of the batch
     */
    public long lastRow() {
        return lastRow;
    }

    /**
     * Returns the SQLState of the failure.
     *
     * @return e.g. {@code 23502} (a NOT NULL column got NULL), {@code 57P01} (the session was terminated),
     *         {@code 08006} (the connection broke), or {@code ""} when there is none
     */
    public String sqlState() {
        return sqlState;
    }

    /**
     * Tells whether the connection was lost during the batch's COMMIT, so that the server may have committed it.
     * Then count what is in the table before writing the batch again, or write with
     * {@code onConflictDoNothing(true)}, which skips rows already there.
     *
     * @return whether the batch's outcome is unknown
     */
    public boolean commitOutcomeUnknown() {
        return commitOutcomeUnknown;
    }
}
