package dev.ms5.timescale.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Runs work in one READ COMMITTED transaction with bounded {@code lock_timeout} and {@code statement_timeout},
 * and gives the connection back as it came: the transaction is ended (committed or rolled back) and auto-commit
 * restored, whatever happens, without counting on the pool to clean up. Isolation is set for this transaction
 * only ({@code SET TRANSACTION}), so the session's own level is never touched.
 *
 * <p>READ COMMITTED matters: each statement sees what other sessions committed before it, so a state read
 * again after taking a table's advisory lock sees what the previous holder did. Under a pool configured for
 * REPEATABLE READ the snapshot would be that of the first statement, taken before the lock.
 *
 * <p>The first exception is the one thrown: a rollback that fails too (on a dead connection, say) is added to
 * it as suppressed. A commit that fails for the connection's sake throws {@link CommitOutcomeUnknown}: the
 * server may have committed.
 */
public final class Tx {

    /** The work done in the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work.
         *
         * @param connection the connection, inside the transaction
         * @return the result
         * @throws SQLException when the server refuses
         */
        T run(Connection connection) throws SQLException;
    }

    /** The connection failed while COMMIT was in flight: the transaction may or may not have been committed. */
    public static final class CommitOutcomeUnknown extends SQLException {
        private static final long serialVersionUID = 1L;

        CommitOutcomeUnknown(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
        }
    }

    private Tx() {
    }

    /**
     * Runs work and commits what it did; rolls back when it throws.
     *
     * @param connection       the connection
     * @param lockTimeout      the transaction's lock timeout
     * @param statementTimeout the transaction's statement timeout
     * @param work             the work
     * @param <T>              the result type
     * @return the work's result
     * @throws SQLException when the server refuses; {@link CommitOutcomeUnknown} when the commit's outcome is
     *                      unknown
     */
    public static <T> T commit(Connection connection, Duration lockTimeout, Duration statementTimeout, Work<T> work)
            throws SQLException {
        return run(connection, lockTimeout, statementTimeout, true, work);
    }

    /**
     * Runs work and rolls back, for reading.
     *
     * @param connection       the connection
     * @param lockTimeout      the transaction's lock timeout
     * @param statementTimeout the transaction's statement timeout
     * @param work             the work
     * @param <T>              the result type
     * @return the work's result
     * @throws SQLException when the server refuses
     */
    public static <T> T read(Connection connection, Duration lockTimeout, Duration statementTimeout, Work<T> work)
            throws SQLException {
        return run(connection, lockTimeout, statementTimeout, false, work);
    }

    /**
     * Runs a single read. On a connection that auto-commits it runs as it is, with no transaction statements
     * around it (its own statement timeout bounds it); otherwise it ends any transaction left open first, and
     * rolls back its own afterwards, so the connection goes back as it came.
     *
     * @param connection the connection
     * @param work       the read
     * @param <T>        the result type
     * @return the result
     * @throws SQLException when the server refuses
     */
    public static <T> T single(Connection connection, Work<T> work) throws SQLException {
        if (connection.getAutoCommit()) {
            return work.run(connection);
        }
        connection.rollback();
        T result;
        try {
            result = work.run(connection);
        } catch (SQLException | RuntimeException | Error e) {
            end(connection, false, e);
            throw e;
        }
        end(connection, false, null);
        return result;
    }

    private static <T> T run(Connection connection, Duration lockTimeout, Duration statementTimeout, boolean commit,
                             Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        } else {
            // A pool that does not roll back on return may hand over a transaction its last user left open.
            connection.rollback();
        }
        T result;
        try {
            Sql.execute(connection, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            Sql.timeouts(connection, lockTimeout, statementTimeout);
            result = work.run(connection);
        } catch (SQLException | RuntimeException | Error e) {
            end(connection, autoCommit, e);
            throw e;
        }
        if (commit) {
            try {
                connection.commit();
            } catch (SQLException e) {
                SQLException thrown = Sql.isConnectionFailure(e) ? new CommitOutcomeUnknown(e) : e;
                end(connection, autoCommit, thrown);
                throw thrown;
            }
        }
        end(connection, autoCommit, null);
        return result;
    }

    /** Rolls back what is left and restores auto-commit; failures are added to {@code first}, else thrown. */
    private static void end(Connection connection, boolean autoCommit, Throwable first) throws SQLException {
        SQLException failure = null;
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            failure = e;
        }
        try {
            if (autoCommit && !connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            if (first != null) {
                first.addSuppressed(failure);
            } else {
                throw failure;
            }
        }
    }
}
