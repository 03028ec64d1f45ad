package dev.ms5.timescale.testkit;

import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.internal.JdbcUrls;
import dev.ms5.timescale.testkit.internal.RunningServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server with TimescaleDB on which the fixture creates a database per test class.
 *
 * <p>Obtained from {@link SharedTimescale}; stopped, when the fixture started it, at JVM exit.
 */
public final class TimescaleServer {

    private static final Logger LOG = LoggerFactory.getLogger(TimescaleServer.class);
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z._-]{1,40}");

    private final RunningServer running;
    private final Optional<String> extensionVersion;
    private String postgresVersion;
    private TimescaleEdition edition;

    private TimescaleServer(RunningServer running, Optional<String> extensionVersion) {
        this.running = running;
        this.extensionVersion = extensionVersion;
    }

    /**
     * Opens a server: creates and drops a probe database to learn its versions and edition, which also checks
     * that the extension (in the requested version) can be created there.
     */
    static TimescaleServer open(RunningServer running, Optional<String> extensionVersion) throws SQLException {
        TimescaleServer server = new TimescaleServer(running, extensionVersion);
        try (TimescaleDatabase probe = server.createDatabase("probe")) {
            LOG.info("{}: PostgreSQL {}, TimescaleDB {} ({} edition)", server.description(),
                    server.postgresVersion, probe.timescaleVersion(), server.edition.license());
        }
        return server;
    }

    /**
     * Creates a database with the {@code timescaledb} extension, in the version {@code MS5_TIMESCALE_EXTENSION_VERSION}
     * names, else the newest the server has.
     *
     * @param hint a word for the name, such as the test class's name
     * @return the database; closing it drops it
     * @throws IllegalStateException when the database or the extension cannot be created
     */
    public TimescaleDatabase createDatabase(String hint) {
        String name = uniqueName(hint);
        try (Connection admin = DriverManager.getConnection(running.adminUrl());
             Statement statement = admin.createStatement()) {
            // template0: a clean database even where template1 already has the extension in another version.
            statement.execute("CREATE DATABASE " + quoteIdentifier(name) + " TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + description() + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
        String url = JdbcUrls.withDatabase(running.adminUrl(), name);
        try (Connection connection = DriverManager.getConnection(url)) {
            String version = createExtension(connection);
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            return new TimescaleDatabase(this, name, url, dataSource, version);
        } catch (SQLException | RuntimeException e) {
            dropDatabase(name);
            String detail = e instanceof SQLException sql ? e.getMessage() + " (SQLState " + sql.getSQLState() + ")"
                    : e.getMessage();
            throw new IllegalStateException("Could not create the timescaledb extension in database " + name
                    + " on " + description() + ": " + detail, e);
        }
    }

    private String createExtension(Connection connection) throws SQLException {
        String ddl = "CREATE EXTENSION timescaledb";
        if (extensionVersion.isPresent()) {
            ddl += " VERSION '" + availableVersion(connection, extensionVersion.get()) + "'";
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
            try (ResultSet rs = statement.executeQuery("SELECT current_setting('server_version'),"
                    + " (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'),"
                    + " current_setting('timescaledb.license', true)")) {
                rs.next();
                synchronized (this) {
                    postgresVersion = rs.getString(1).split(" ")[0];
                    edition = TimescaleEdition.fromLicense(rs.getString(3));
                }
                return rs.getString(2);
            }
        }
    }

    /** Checks the requested version against what the server has, so the error lists the choices. */
    private static String availableVersion(Connection connection, String wanted) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT version FROM"
                + " pg_available_extension_versions WHERE name = 'timescaledb' ORDER BY string_to_array("
                + "regexp_replace(version, '[^0-9.].*$', ''), '.')::int[]")) {
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
        }
        if (!VERSION.matcher(wanted).matches() || !versions.contains(wanted)) {
            throw new IllegalStateException("MS5_TIMESCALE_EXTENSION_VERSION=" + wanted + " is not a timescaledb"
                    + " version this server has; it has " + (versions.isEmpty() ? "none" : String.join(", ", versions))
                    + ". Set MS5_TIMESCALE_EXTENSION_VERSION to one of them, or unset it for the newest");
        }
        return wanted;
    }

    void dropDatabase(String name) {
        try (Connection admin = DriverManager.getConnection(running.adminUrl());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + quoteIdentifier(name) + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("{}: could not drop database {}: {} (SQLState {})", description(), name, e.getMessage(),
                    e.getSQLState());
        }
    }

    /**
     * Returns the server's PostgreSQL version.
     *
     * @return e.g. {@code 15.20}
     */
    public synchronized String postgresVersion() {
        return postgresVersion;
    }

    /**
     * Returns the edition the server runs.
     *
     * @return the edition, from {@code timescaledb.license}
     */
    public synchronized TimescaleEdition edition() {
        return edition;
    }

    /**
     * Returns the JDBC URL, with credentials, of the server's maintenance database, from which the fixture
     * creates and drops databases.
     *
     * @return e.g. {@code jdbc:postgresql://127.0.0.1:41234/postgres?user=postgres&password=...}
     */
    public String adminUrl() {
        return running.adminUrl();
    }

    /**
     * Describes the server, without passwords.
     *
     * @return e.g. {@code local PostgreSQL /usr/lib/postgresql/15/bin on 127.0.0.1:41234}
     */
    public String description() {
        return running.description();
    }

    void stop() {
        running.close();
    }

    private static String uniqueName(String hint) {
        String word = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        word = word.substring(0, Math.min(word.length(), 40));
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "ms5_" + word + "_" + HexFormat.of().formatHex(random);
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
