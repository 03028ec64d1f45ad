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
     * Sets the transaction's {@code lock_timeout} and {@code statement_timeout}, bound as parameters.
     *
     * @param connection       a connection inside a transaction
     * @param lockTimeout      how long to wait for locks
     * @param statementTimeout how long one statement may run
     * @throws SQLException when the server refuses
     */
    public static void timeouts(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true)")) {
            statement.setString(1, lockTimeout.toMillis() + "ms");
            statement.setString(2, statementTimeout.toMillis() + "ms");
            statement.execute();
        }
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
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            statement.execute();
        }
    }
}
