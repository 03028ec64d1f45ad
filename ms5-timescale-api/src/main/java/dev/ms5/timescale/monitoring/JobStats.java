package dev.ms5.timescale.monitoring;

import dev.ms5.timescale.TableName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TimescaleDB background job and how its runs went.
 *
 * @param id                  the job id
 * @param name                its application name, e.g. {@code Retention Policy [1001]}
 * @param kind                what it does
 * @param table               the hypertable it works on, if any
 * @param schedule            its schedule interval
 * @param scheduled           {@code false} when paused
 * @param lastRunStatus       {@code Success} or {@code Failed}, once it ran
 * @param lastRunStarted      when its last run started
 * @param lastSuccess         when a run last succeeded
 * @param nextStart           when it runs next, when scheduled
 * @param runs                its runs in all
 * @param failures            its failed runs
 * @param consecutiveFailures its failed runs since the last success
 * @param latestErrors        the latest errors, newest first (from {@code timescaledb_information.job_errors})
 * @param runnable            {@code false} for TimescaleDB's own jobs that this edition cannot run (the job
 *                            history retention on the Apache edition fails on every run, and nobody can fix it)
 */
public record JobStats(int id, String name, Kind kind, Optional<TableName> table, Duration schedule,
                       boolean scheduled, Optional<String> lastRunStatus, Optional<Instant> lastRunStarted,
                       Optional<Instant> lastSuccess, Optional<Instant> nextStart, long runs, long failures,
                       int consecutiveFailures, List<JobError> latestErrors, boolean runnable) {

    /**
     * Copies the list.
     *
     * @param id                  the id
     * @param name                the name
     * @param kind                the kind
     * @param table               the table
     * @param schedule            the schedule
     * @param scheduled           whether scheduled
     * @param lastRunStatus       the last status
     * @param lastRunStarted      the last start
     * @param lastSuccess         the last success
     * @param nextStart           the next start
     * @param runs                the runs
     * @param failures            the failures
     * @param consecutiveFailures the consecutive failures
     * @param latestErrors        the latest errors
     * @param runnable            whether this edition can run it
     */
    public JobStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        latestErrors = List.copyOf(latestErrors);
    }

    /** What a job does, by the procedure it runs. */
    public enum Kind {
        /** {@code policy_compression}. */
        COMPRESSION,
        /** {@code policy_retention}. */
        RETENTION,
        /** {@code policy_reorder}. */
        REORDER,
        /** {@code policy_refresh_continuous_aggregate}. */
        CONTINUOUS_AGGREGATE,
        /** {@code policy_telemetry}: reports usage to Timescale; fails where there is no internet access. */
        TELEMETRY,
        /** {@code policy_job_stat_history_retention} (or {@code policy_job_error_retention} before 2.15). */
        JOB_HISTORY_RETENTION,
        /** A job of the database's own ({@code add_job}). */
        CUSTOM
    }

    /**
     * An error of a failed run.
     *
     * @param at       when the run finished
     * @param sqlState the SQLState
     * @param message  the error's message
     */
    public record JobError(Optional<Instant> at, String sqlState, String message) {
    }
}
