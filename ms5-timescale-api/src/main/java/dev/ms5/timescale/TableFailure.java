package dev.ms5.timescale;

/**
 * Why a table's policies could not be applied. Nothing of that table was changed.
 *
 * @param kind     the cause
 * @param sqlState the SQLState of the server's error, or of the condition (e.g. {@code 42P01} for a missing
 *                 table, {@code 55P03} for a lock not obtained)
 * @param message  what failed, naming the table
 * @param fix      what to do about it
 */
public record TableFailure(Kind kind, String sqlState, String message, String fix) {

    /** The causes of a failure. */
    public enum Kind {
        /** No relation of that name exists. */
        TABLE_NOT_FOUND,
        /** The name refers to a view, an index, or anything else that cannot be a hypertable. */
        NOT_A_TABLE,
        /** The table is not a hypertable and the spec does not allow creating one, or it has rows. */
        NOT_A_HYPERTABLE,
        /** A column or index the spec names does not exist, or has an unsuitable type. */
        INVALID_SPEC,
        /** Another session held the table, or its lock, past the configured timeouts. */
        LOCK_TIMEOUT,
        /** The server refused a statement. */
        SQL_ERROR
    }

    @Override
    public String toString() {
        return message + " (SQLState " + sqlState + "). Fix: " + fix;
    }
}
