package dev.ms5.timescale;

import java.time.Duration;
import java.util.List;

/**
 * How the database's time-series storage is doing.
 *
 * @param status            the overall status
 * @param postgresVersion   the server's PostgreSQL version, or empty when unavailable
 * @param timescaleVersion  the {@code timescaledb} extension version in this database, or empty
 * @param edition           the edition, or {@code null} when unavailable
 * @param hypertables       the number of hypertables
 * @param chunks            the number of chunks of those hypertables
 * @param compressedChunks  how many of those chunks are compressed
 * @param jobs              the number of background jobs
 * @param problems          what is wrong, one line each (failing jobs, unreachable server)
 * @param elapsed           how long the check took
 */
public record HealthReport(Status status, String postgresVersion, String timescaleVersion, TimescaleEdition edition,
                           int hypertables, long chunks, long compressedChunks, int jobs, List<String> problems,
                           Duration elapsed) {

    /**
     * Copies the list.
     *
     * @param status           the status
     * @param postgresVersion  the PostgreSQL version
     * @param timescaleVersion the extension version
     * @param edition          the edition
     * @param hypertables      hypertables
     * @param chunks           chunks
     * @param compressedChunks compressed chunks
     * @param jobs             jobs
     * @param problems         problems
     * @param elapsed          time taken
     */
    public HealthReport {
        problems = List.copyOf(problems);
    }

    /** The overall status. */
    public enum Status {
        /** The extension answers and no job is failing. */
        HEALTHY,
        /** The extension answers, but something needs attention: see {@link #problems()}. */
        DEGRADED,
        /** The database did not answer, or has no {@code timescaledb} extension. */
        UNAVAILABLE
    }
}
