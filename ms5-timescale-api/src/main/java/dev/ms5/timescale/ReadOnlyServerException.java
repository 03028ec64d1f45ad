package dev.ms5.timescale;

/**
 * {@link TimescaleAdmin#applyPolicies} found the server read-only (a hot standby, or
 * {@code default_transaction_read_only}) before any table, and {@link AdminOptions#failOnError()} is set. No
 * table was changed; {@link #report()} has each table failed with that reason. Policies are applied on the
 * primary; {@code plan()} and {@code health()} work on a replica.
 */
public class ReadOnlyServerException extends PolicyApplicationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param report the report, every table failed as read-only
     */
    public ReadOnlyServerException(ApplyReport report) {
        super(report);
    }
}
