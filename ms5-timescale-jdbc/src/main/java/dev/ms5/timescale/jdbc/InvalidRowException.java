package dev.ms5.timescale.jdbc;

import dev.ms5.timescale.TimescaleException;
import java.util.Optional;

/**
 * A row given to {@link BulkWriter#row(Object...)} was rejected before anything of it was sent: a value cannot
 * be written to its declared {@link ColumnType}, or the number of values differs from the number of columns.
 * The row is not added and takes no row number; the writer stays usable.
 */
public class InvalidRowException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final long row;
    private final String column;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the row and how to correct it
     * @param table   the table, as the writer was given it
     * @param row     the number the row would have had
     * @param column  the column whose value was rejected, or {@code null} when the row as a whole was
     */
    public InvalidRowException(String message, String table, long row, String column) {
        super(message);
        this.table = table;
        this.row = row;
        this.column = column;
    }

    /**
     * Returns the table, as the writer was given it.
     *
     * @return e.g. {@code metric_hist}
     */
    public String table() {
        return table;
    }

    /**
     * Returns the number the row would have had, counting from 1 the rows the writer accepted.
     *
     * @return the row number
     */
    public long row() {
        return row;
    }

    /**
     * Returns the column whose value was rejected, as in the catalog.
     *
     * @return the column, or empty when the row had the wrong number of values
     */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
