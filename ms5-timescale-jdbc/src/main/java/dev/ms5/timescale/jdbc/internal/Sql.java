package dev.ms5.timescale.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Quoting for the few places where SQL cannot take parameters (DDL such as {@code ALTER TABLE ... SET}), and
 * the session timeouts. Everything else binds its values.
 */
public final class Sql {

    private Sql() {
    }

    /**
     * Quotes an identifier always, as {@code quote_ident} would when needed.
     *
     * @param raw the raw name, as in the catalog
     * @return e.g. {@code "metric_hist"}
     */
    public static String identifier(String raw) {
        if (raw.indexOf(0) >= 0) {
            throw new IllegalArgumentException("identifier contains NUL");
        }
        return '"' + raw.replace("\"", "\"\"") + '"';
    }

    /**
     * Quotes a schema-qualified name.
     *
     * @param schema the raw schema
     * @param name   the raw name
     * @return e.g. {@code "public"."metric_hist"}
     */
    public static String qualified(String schema, String name) {
        return identifier(schema) + "." + identifier(name);
    }

    /**
     * Quotes a string literal for a server with {@code standard_conforming_strings} on (the default since
     * PostgreSQL 9.1, and checked by the dialect).
     *
     * @param value the value
     * @return e.g. {@code 'a''b'}
     */
    public static String literal(String value) {
        if (value.indexOf(0) >= 0) {
            throw new IllegalArgumentException("literal contains NUL");
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Sets the transaction's {@code lock_timeout} and {@code statement_timeout}, bound as parameters, and its
     * {@code idle_in_transaction_session_timeout} to the longer of the lock timeout and 10 seconds: a session
     * whose client vanished (a cut network) then ends on the server by itself and releases its locks, instead of
     * holding them until TCP notices. JIT is off for the transaction: the library's statements read catalogs or
     * change them, and compiling them (which a planner's high estimate can trigger) costs far more than it saves.
     *
     * @param connection       a connection inside a transaction
     * @param lockTimeout      how long to wait for locks
     * @param statementTimeout how long one statement may run
     * @throws SQLException when the server refuses
     */
    public static void timeouts(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true),"
                        + " set_config('idle_in_transaction_session_timeout', ?, true), set_config('jit', 'off', true)")) {
            statement.setString(1, lockTimeout.toMillis() + "ms");
            statement.setString(2, statementTimeout.toMillis() + "ms");
            statement.setString(3, Math.max(lockTimeout.toMillis(), 10_000) + "ms");
            statement.execute();
        }
    }

    /**
     * Runs a statement without parameters.
     *
     * @param connection the connection
     * @param sql        the statement
     * @throws SQLException when the server refuses
     */
    public static void execute(Connection connection, String sql) throws SQLException {
        execute(connection, sql, List.of());
    }

    /**
     * Converts a timeout to whole seconds for {@link java.sql.Statement#setQueryTimeout}, rounding up.
     *
     * @param timeout the timeout
     * @return at least one second
     */
    public static int seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
    }

    /**
     * Tells whether an error means the connection is gone (network, server shut down or restarted, session
     * terminated), as opposed to a statement the server refused on a live connection.
     *
     * @param e the error
     * @return {@code true} for SQLState class 08 and 57P01-57P03
     */
    public static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /**
     * Tells whether a transaction failed only because it met another one: a deadlock or a serialization
     * failure, which a new attempt usually does not meet.
     *
     * @param e the error
     * @return {@code true} for SQLState 40P01 and 40001
     */
    public static boolean isConflict(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    /**
     * Runs a statement with parameters.
     *
     * @param connection the connection
     * @param sql        the statement with {@code ?} placeholders
     * @param parameters the values, in order
     * @throws SQLException when the server refuses
     */
    public static void execute(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.execute();
        }
    }

    /**
     * Binds values to a statement's parameters, in order; {@code null} binds SQL NULL.
     *
     * @param statement the statement
     * @param values    the values
     * @throws SQLException when the driver refuses a value
     */
    public static void bind(PreparedStatement statement, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
    }
}
