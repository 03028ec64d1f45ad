package dev.ms5.timescale.jdbc.internal.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Borrows a connection for one transaction and gives it back as it came: auto-commit restored, the transaction
 * ended (committed or rolled back), the connection closed. The first failure wins; a failing rollback, restore
 * or close is added to it as suppressed. When the work succeeded and only giving the connection back failed,
 * the work's result stands and the problem is logged, as the host's rows are committed by then.
 */
public final class Borrowed {

    private static final Logger LOG = LoggerFactory.getLogger(Borrowed.class);

    /** Where a transaction failed. */
    public enum Phase {
        /** Borrowing the connection: nothing was sent. */
        CONNECT,
        /** Running the work: the transaction was rolled back, or died with its connection. */
        WORK,
        /** Committing: when the connection broke, the outcome is unknown. */
        COMMIT
    }

    /** The work of one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work.
         *
         * @param connection the connection, auto-commit off
         * @return the result
         * @throws SQLException when the server refuses
         */
        T run(Connection connection) throws SQLException;
    }

    /** A failed transaction: the server's error and where it happened. */
    public static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        private final Phase phase;

        Failure(SQLException cause, Phase phase) {
            super(cause);
            this.phase = phase;
        }

        /**
         * Returns the server's or the driver's error.
         *
         * @return the error
         */
        public SQLException sqlException() {
            return (SQLException) getCause();
        }

        /**
         * Returns where it failed.
         *
         * @return the phase
         */
        public Phase phase() {
            return phase;
        }

        /**
         * Tells whether the transaction may have been committed: COMMIT failed without the server answering
         * with an ERROR (which would mean it rolled back).
         *
         * @return whether the outcome is unknown
         */
        public boolean outcomeUnknown() {
            if (phase != Phase.COMMIT) {
                return false;
            }
            ServerErrorMessage server = getCause() instanceof PSQLException p ? p.getServerErrorMessage() : null;
            return server == null || !"ERROR".equals(server.getSeverity());
        }
    }

    private Borrowed() {
    }

    /**
     * Runs work in a transaction and commits it.
     *
     * @param dataSource where to borrow
     * @param label      the table, for log lines
     * @param work       the work
     * @param <T>        the result
     * @return the work's result
     * @throws Failure when borrowing, the work or the commit failed; the transaction is then rolled back
     */
    public static <T> T commit(DataSource dataSource, String label, Work<T> work) throws Failure {
        return run(dataSource, label, true, work);
    }

    /**
     * Runs work in a transaction and rolls it back, for reading.
     *
     * @param dataSource where to borrow
     * @param label      the table, for log lines
     * @param work       the work
     * @param <T>        the result
     * @return the work's result
     * @throws Failure when borrowing or the work failed
     */
    public static <T> T read(DataSource dataSource, String label, Work<T> work) throws Failure {
        return run(dataSource, label, false, work);
    }

    private static <T> T run(DataSource dataSource, String label, boolean commit, Work<T> work) throws Failure {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new Failure(e, Phase.CONNECT);
        }
        Throwable primary = null;
        try {
            return inTransaction(connection, label, commit, work);
        } catch (Failure | RuntimeException | Error e) {
            primary = e;
            throw e;
        } finally {
            giveBack(label, primary, "close the connection", connection::close);
        }
    }

    private static <T> T inTransaction(Connection connection, String label, boolean commit, Work<T> work)
            throws Failure {
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            } else {
                // A pool that does not roll back on return may hand over a transaction its last user left open:
                // the batch's COMMIT must not commit that work too.
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new Failure(e, Phase.WORK);
        }
        Throwable primary = null;
        boolean committed = false;
        Phase phase = Phase.WORK;
        try {
            T result = work.run(connection);
            if (commit) {
                phase = Phase.COMMIT;
                connection.commit();
                committed = true;
            }
            return result;
        } catch (SQLException e) {
            primary = new Failure(e, phase);
            throw (Failure) primary;
        } catch (RuntimeException | Error e) {
            primary = e;
            throw e;
        } finally {
            if (!committed) {
                giveBack(label, primary, "roll back", connection::rollback);
            }
            if (autoCommit) {
                giveBack(label, primary, "restore auto-commit", () -> connection.setAutoCommit(true));
            }
        }
    }

    private interface Step {
        void run() throws SQLException;
    }

    private static void giveBack(String label, Throwable primary, String what, Step step) {
        try {
            step.run();
        } catch (SQLException e) {
            if (primary != null) {
                // The host sees the server's error (the Failure's cause), so that is where this belongs.
                (primary instanceof Failure f ? f.getCause() : primary).addSuppressed(e);
            } else {
                LOG.warn("{}: could not {} after a successful transaction; the pool may discard the connection:"
                        + " {} (SQLState {})", label, what, e.getMessage(), e.getSQLState());
            }
        }
    }
}
