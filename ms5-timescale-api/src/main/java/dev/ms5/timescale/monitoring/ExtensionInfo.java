package dev.ms5.timescale.monitoring;

import dev.ms5.timescale.TimescaleEdition;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code timescaledb} extension of a database and the background workers it can use.
 *
 * @param database             the database's name
 * @param postgresVersion      the server's PostgreSQL version, e.g. {@code 15.20}
 * @param installedVersion     the extension's version in this database ({@code pg_extension}), if installed
 * @param newestAvailable      the newest version whose files the server has ({@code pg_available_extensions})
 * @param libraryVersion       the version of the library this session loaded: in a session that works, the
 *                             installed one (a session left with another fails on its next statement, which
 *                             the health report names)
 * @param edition              the edition ({@code timescaledb.license}), if installed
 * @param maxBackgroundWorkers {@code timescaledb.max_background_workers}: workers for schedulers and jobs of all
 *                             databases of the server
 * @param maxWorkerProcesses   {@code max_worker_processes}: PostgreSQL's limit on all background workers
 * @param scheduledJobs        the jobs of this database that are scheduled (not paused)
 * @param schedulerRunning     whether TimescaleDB's job scheduler runs for this database
 */
public record ExtensionInfo(String database, String postgresVersion, Optional<String> installedVersion,
                            Optional<String> newestAvailable, Optional<String> libraryVersion,
                            Optional<TimescaleEdition> edition, int maxBackgroundWorkers, int maxWorkerProcesses,
                            int scheduledJobs, boolean schedulerRunning) {

    /**
     * Checks the parts.
     *
     * @param database             the database
     * @param postgresVersion      the PostgreSQL version
     * @param installedVersion     the installed version
     * @param newestAvailable      the newest available version
     * @param libraryVersion       the loaded library's version
     * @param edition              the edition
     * @param maxBackgroundWorkers the TimescaleDB worker limit
     * @param maxWorkerProcesses   PostgreSQL's worker limit
     * @param scheduledJobs        the scheduled jobs
     * @param schedulerRunning     whether the scheduler runs
     */
    public ExtensionInfo {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(postgresVersion, "postgresVersion");
        Objects.requireNonNull(installedVersion, "installedVersion");
        Objects.requireNonNull(newestAvailable, "newestAvailable");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(edition, "edition");
    }

    /**
     * Returns whether the extension is installed in this database.
     *
     * @return {@code true} when {@link #installedVersion()} is present
     */
    public boolean installed() {
        return installedVersion.isPresent();
    }

    /**
     * Returns whether the server has a newer version than the one installed ({@code ALTER EXTENSION timescaledb
     * UPDATE} would take it).
     *
     * @return {@code true} when the newest available differs from the installed version
     */
    public boolean updateAvailable() {
        return installedVersion.isPresent() && newestAvailable.isPresent()
                && !installedVersion.get().equals(newestAvailable.get());
    }

    /**
     * Returns whether the loaded library is that of the installed version. After {@code ALTER EXTENSION
     * timescaledb UPDATE}, sessions opened before it fail until they reconnect.
     *
     * @return {@code false} only when both are known and differ
     */
    public boolean libraryMatches() {
        return libraryVersion.isEmpty() || installedVersion.isEmpty()
                || libraryVersion.get().equals(installedVersion.get());
    }
}
