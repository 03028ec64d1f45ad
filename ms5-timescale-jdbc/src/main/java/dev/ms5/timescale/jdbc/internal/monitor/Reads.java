package dev.ms5.timescale.jdbc.internal.monitor;

import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.jdbc.internal.Failures;
import dev.ms5.timescale.jdbc.internal.Sql;
import dev.ms5.timescale.jdbc.internal.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/**
 * Reads for operators, bounded by a timeout: each statement has it as its query timeout (and its lock
 * timeout: catalogs are read, and a read never queues behind DDL longer), and the connection's network timeout
 * makes a server that stops answering fail the read instead of hanging it. The connection is given back as it
 * came.
 */
final class Reads {

    /** Runs what the driver needs for network timeouts; daemon threads, so they never keep a JVM alive. */
    static final Executor EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "ms5-timescale-monitor");
        thread.setDaemon(true);
        return thread;
    });

    /** Maps one row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Duration timeout;

    Reads(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Borrows a connection and runs reads on it.
     *
     * @param what what is read, for messages, e.g. {@code the hypertables}
     * @param work the reads
     * @return their result
     * @throws DatabaseUnavailableException when the server cannot be reached or does not answer in time
     * @throws TimescaleException           when the server refuses a read
     */
    <T> T run(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            int networkTimeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(EXECUTOR, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            T result;
            try {
                // In a transaction of its own, for its JIT and lock timeout settings (see Sql.timeouts).
                result = Tx.read(connection, timeout, timeout, work::run);
            } catch (SQLException | RuntimeException e) {
                try {
                    if (!connection.isClosed()) {
                        connection.setNetworkTimeout(EXECUTOR, networkTimeout);
                    }
                } catch (SQLException restore) {
                    e.addSuppressed(restore);
                }
                throw e;
            }
            connection.setNetworkTimeout(EXECUTOR, networkTimeout);
            return result;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs a query and maps its rows, with the timeout as its query timeout. */
    <T> List<T> list(Connection connection, String sql, Row<T> row, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(Sql.seconds(timeout));
            Sql.bind(statement, Arrays.asList(values));
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
            }
            return rows;
        }
    }

    /** Runs a query that answers one row. */
    <T> T one(Connection connection, String sql, Row<T> row, Object... values) throws SQLException {
        return list(connection, sql, row, values).get(0);
    }

    private TimescaleException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (Sql.isConnectionFailure(e) || state.equals("57014")) {
            return new DatabaseUnavailableException("Reading " + what + " failed: " + Failures.describe(e)
                    + " (SQLState " + state + "; timeout " + timeout.toMillis() + " ms). Fix: check that the"
                    + " server is up and answering; raise AdminOptions.healthTimeout if the reads need longer", e);
        }
        return new TimescaleException("Reading " + what + " failed: " + Failures.describe(e) + " (SQLState " + state
                + "). Fix: the role of the DataSource needs read access to TimescaleDB's catalogs", e);
    }
}
