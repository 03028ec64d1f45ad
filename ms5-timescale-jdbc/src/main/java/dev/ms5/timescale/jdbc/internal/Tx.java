package dev.ms5.timescale.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Runs work in one READ COMMITTED transaction with bounded {@code lock_timeout} and {@code statement_timeout},
 * and gives the connection back as it came (auto-commit and isolation level), so that a host's pool is not
 * disturbed.
 *
 * <p>READ COMMITTED matters: each statement sees what other sessions committed before it, so a state read
 * again after taking a table's advisory lock sees what the previous holder did. Under a pool configured for
 * REPEATABLE READ the snapshot would be that of the first statement, taken before the lock.
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
     * @throws SQLException when the server refuses
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

    private static <T> T run(Connection connection, Duration lockTimeout, Duration statementTimeout, boolean commit,
                             Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try {
            Sql.timeouts(connection, lockTimeout, statementTimeout);
            T result = work.run(connection);
            if (commit) {
                connection.commit();
            }
            return result;
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }
}
