package dev.ms5.timescale.monitoring;

import java.time.Duration;
import java.util.Objects;

/**
 * The database as a whole.
 *
 * @param database        its name
 * @param postgresVersion the server's PostgreSQL version
 * @param sizeBytes       its size, as the catalog estimates it (the pages of its relations; exact after VACUUM
 *                        or ANALYZE)
 * @param connections     the sessions connected to it now
 * @param maxConnections  the server's {@code max_connections}
 * @param roundTrip       how long a trivial query took, there and back
 */
public record DatabaseInfo(String database, String postgresVersion, long sizeBytes, int connections,
                           int maxConnections, Duration roundTrip) {

    /**
     * Checks the parts.
     *
     * @param database        the database
     * @param postgresVersion the PostgreSQL version
     * @param sizeBytes       the size
     * @param connections     the connections
     * @param maxConnections  the connection limit
     * @param roundTrip       the round trip
     */
    public DatabaseInfo {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(postgresVersion, "postgresVersion");
        Objects.requireNonNull(roundTrip, "roundTrip");
    }
}
