package dev.ms5.timescale.jdbc.internal.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/** The rows of one batch, held until they are sent in one transaction. */
public interface Batch {

    /**
     * What a sent batch did.
     *
     * @param rows     the rows sent
     * @param inserted the rows the server inserted (fewer than sent when duplicates were skipped)
     */
    record Counts(long rows, long inserted) {
    }

    /**
     * Adds a validated row.
     *
     * @param values the row's values, checked by {@link RowValidator}
     */
    void add(Object[] values);

    /**
     * Returns the rows held.
     *
     * @return the count
     */
    int size();

    /**
     * Sends the rows on a connection in a transaction the caller commits.
     *
     * @param connection the connection, auto-commit off
     * @return what the server did
     * @throws SQLException when the server refuses
     */
    Counts send(Connection connection) throws SQLException;

    /** Drops the rows held, after they were committed or failed. */
    void clear();

    /**
     * Returns the SQL a batch sends, for the log.
     *
     * @return the statements, one per line
     */
    String describe();
}
