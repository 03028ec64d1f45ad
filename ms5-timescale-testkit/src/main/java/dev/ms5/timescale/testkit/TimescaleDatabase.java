package dev.ms5.timescale.testkit;

import dev.ms5.timescale.TimescaleEdition;
import javax.sql.DataSource;

/**
 * A database of its own, with the {@code timescaledb} extension created, on the run's shared server. Closing it
 * drops it.
 */
public final class TimescaleDatabase implements AutoCloseable {

    private final TimescaleServer server;
    private final String name;
    private final String jdbcUrl;
    private final DataSource dataSource;
    private final String timescaleVersion;

    TimescaleDatabase(TimescaleServer server, String name, String jdbcUrl, DataSource dataSource,
                      String timescaleVersion) {
        this.server = server;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
        this.timescaleVersion = timescaleVersion;
    }

    /**
     * Returns the database's name.
     *
     * @return e.g. {@code ms5_policyit_3f2a9c01}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the JDBC URL of this database, with credentials.
     *
     * @return e.g. {@code jdbc:postgresql://127.0.0.1:41234/ms5_policyit_3f2a9c01?user=postgres&password=...}
     */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * Returns a data source for this database (not pooled: each {@code getConnection} opens a connection).
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Returns the server's PostgreSQL version.
     *
     * @return e.g. {@code 15.20}
     */
    public String postgresVersion() {
        return server.postgresVersion();
    }

    /**
     * Returns the version of the {@code timescaledb} extension created in this database.
     *
     * @return e.g. {@code 2.19.3}
     */
    public String timescaleVersion() {
        return timescaleVersion;
    }

    /**
     * Returns the edition the server runs.
     *
     * @return the edition, from {@code timescaledb.license}
     */
    public TimescaleEdition edition() {
        return server.edition();
    }

    /**
     * Returns the server this database lives on.
     *
     * @return the server
     */
    public TimescaleServer server() {
        return server;
    }

    /** Drops the database, ending its sessions. */
    @Override
    public void close() {
        server.dropDatabase(name);
    }

    @Override
    public String toString() {
        return name + " (PostgreSQL " + postgresVersion() + ", TimescaleDB " + timescaleVersion + " "
                + edition().license() + ", " + server.description() + ")";
    }
}
