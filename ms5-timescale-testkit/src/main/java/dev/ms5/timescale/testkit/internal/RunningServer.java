package dev.ms5.timescale.testkit.internal;

/** A PostgreSQL server with TimescaleDB that a provider started or found. */
public interface RunningServer extends AutoCloseable {

    /**
     * Returns the JDBC URL, with credentials, of a database from which others are created and dropped.
     *
     * @return e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}
     */
    String adminUrl();

    /**
     * Describes the server for logs and messages, without passwords.
     *
     * @return e.g. {@code local PostgreSQL at /usr/lib/postgresql/15/bin on 127.0.0.1:41234}
     */
    String description();

    /** Stops the server if the provider started it; a server found running is left running. */
    @Override
    void close();
}
