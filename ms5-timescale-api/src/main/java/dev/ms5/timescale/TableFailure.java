package dev.ms5.timescale;

/**
 * Why a table's policies could not be applied. The table's transaction was rolled back, so nothing of it was
 * changed, except where {@link Kind#OUTCOME_UNKNOWN} says the commit may have happened, and where recompressing
 * chunks after a committed change stopped (see {@link TableReport#applied()}).
 *
 * @param kind     the cause
 * @param sqlState the SQLState of the server's error, or of the condition (e.g. {@code 42P01} for a missing
 *                 table, {@code 55P03} for a lock not obtained); empty when the failure did not come from the
 *                 server (an interrupted thread)
 * @param message  what failed, naming the table
 * @param fix      what to do about it
 */
public record TableFailure(Kind kind, String sqlState, String message, String fix) {

    /**
     * Checks the parts.
     *
     * @param kind     the cause
     * @param sqlState the SQLState, or empty
     * @param message  what failed
     * @param fix      what to do
     */
    public TableFailure {
        java.util.Objects.requireNonNull(kind, "kind");
        sqlState = sqlState == null ? "" : sqlState;
        java.util.Objects.requireNonNull(message, "message");
        java.util.Objects.requireNonNull(fix, "fix");
    }

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
        SQL_ERROR,
        /**
         * The connection was lost (network, server restart, a terminated session) before the table's transaction
         * committed: it was rolled back.
         */
        CONNECTION_LOST,
        /**
         * The connection was lost while the table's COMMIT was in flight: the commit may or may not have been
         * applied. Applying again is safe and converges.
         */
        OUTCOME_UNKNOWN,
        /** The calling thread was interrupted; this table and the ones after it were not applied. */
        INTERRUPTED,
        /** The server is read-only (a hot standby, or {@code default_transaction_read_only}). */
        READ_ONLY_SERVER,
        /** The database could not be reached, or has no usable {@code timescaledb} extension. */
        DATABASE_UNAVAILABLE
    }

    @Override
    public String toString() {
        return message + (sqlState.isEmpty() ? "" : " (SQLState " + sqlState + ")") + ". Fix: " + fix;
    }
}
