package dev.ms5.timescale.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ms5.timescale.testkit.SharedTimescale;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The server the benchmarks run on ({@code MS5_TIMESCALE_URL}, else the testkit's own), its long-lived benchmark
 * databases, and pooled data sources as hosts run them.
 *
 * <p>The benchmark databases ({@code ms5_bench_*}) are kept after a run, so that data loaded once is reused by
 * later forks and runs. JMH runs each benchmark in its own JVM: without {@code MS5_TIMESCALE_URL} every fork would
 * start a throwaway server of its own, so {@code scripts/bench.sh} starts one and hands its URL to all forks.
 *
 * <p>{@code -Dms5.bench.jit=off} starts every benchmark session with {@code jit = off}; by default the server's
 * own setting is left alone (and recorded in the report).
 */
public final class BenchServer {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";

    private BenchServer() {
    }

    /**
     * Returns the JDBC URL, with credentials, of the server's maintenance database.
     *
     * @return the URL
     */
    public static String adminUrl() {
        return SharedTimescale.server().adminUrl();
    }

    /**
     * Returns the JDBC URL of a benchmark database, creating it with the {@code timescaledb} extension when absent.
     *
     * @param name the database's name: lower-case letters, digits and {@code _}
     * @return its URL, with credentials
     * @throws SQLException when the server refuses
     */
    public static String database(String name) throws SQLException {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("benchmark database name " + name + " is not lower-case letters,"
                    + " digits and _; use e.g. ms5_bench_ingest");
        }
        String admin = adminUrl();
        try (Connection connection = DriverManager.getConnection(admin)) {
            if (!exists(connection, name)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + quote(name) + " TEMPLATE template0");
                } catch (SQLException e) {
                    // Another process created it between the look-up and CREATE: use it.
                    if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
        String url = withDatabase(admin, name);
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        }
        return url;
    }

    /**
     * Drops a benchmark database, ending its sessions.
     *
     * @param name the database's name
     * @throws SQLException when the server refuses
     */
    public static void dropDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
        }
    }

    /**
     * Returns a pool over a database, as a host would configure HikariCP.
     *
     * @param url      the database's URL
     * @param name     the pool's name, for HikariCP's log lines
     * @param size     the number of connections, all opened at once
     * @param counter  counts the statements the pool's connections send; {@code null} for none
     * @param rewrite  whether the driver rewrites batched INSERTs into multi-row ones ({@code reWriteBatchedInserts})
     * @return the pool; close it after use
     */
    public static HikariDataSource pool(String url, String name, int size, StatementCounter counter, boolean rewrite) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(url);
        driver.setReWriteBatchedInserts(rewrite);
        if (jitOff()) {
            driver.setOptions("-c jit=off");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(counter == null ? driver : new CountingDataSource(driver, counter));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    /**
     * Returns an unpooled data source, for set-up work.
     *
     * @param url the database's URL
     * @return the data source
     */
    public static DataSource unpooled(String url) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(url);
        if (jitOff()) {
            driver.setOptions("-c jit=off");
        }
        return driver;
    }

    /**
     * Tells whether the benchmarks turn PostgreSQL's JIT off in their sessions ({@code -Dms5.bench.jit=off}).
     *
     * @return true when asked to
     */
    public static boolean jitOff() {
        return "off".equalsIgnoreCase(System.getProperty("ms5.bench.jit", ""));
    }

    /**
     * Replaces the database of a PostgreSQL JDBC URL.
     *
     * @param url  e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}
     * @param name the database
     * @return e.g. {@code jdbc:postgresql://127.0.0.1:5432/ms5_bench?user=postgres}
     */
    static String withDatabase(String url, String name) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db): "
                    + url.replaceAll("password=[^&]*", "password=***"));
        }
        int query = url.indexOf('?');
        String head = query < 0 ? url : url.substring(0, query);
        String tail = query < 0 ? "" : url.substring(query);
        int slash = head.indexOf('/', prefix.length());
        String hosts = slash < 0 ? head : head.substring(0, slash);
        return hosts + "/" + name + tail;
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
