package dev.ms5.timescale.jdbc;

import dev.ms5.timescale.TimescaleException;

/**
 * A {@link BulkWriter} was given rows after it was closed, or after a batch failed. The message says how many
 * rows are committed and from which row to write again; after a failed batch, that failure is the cause.
 */
public class BulkWriterClosedException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * Creates the exception.
     *
     * @param table   the writer's table, as displayed
     * @param message what the writer accepts no more, and the fix
     * @param cause   the batch failure that stopped it, or {@code null} when it was closed
     */
    public BulkWriterClosedException(String table, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    /**
     * Returns the writer's table.
     *
     * @return e.g. {@code factory_telemetry.metric_hist}
     */
    public String table() {
        return table;
    }
}
