package dev.ms5.timescale;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Makes a TimescaleDB database match what the host application declares, and tells how it is doing.
 *
 * <p>At boot:
 * <pre>{@code
 * TimescaleSettings settings = TimescaleSettings.fromEnvironment();
 * TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
 * ApplyReport report = admin.applyPolicies(List.of(
 *         settings.spec("metric_hist", "ts", "metric_def_id").build(),
 *         settings.spec("oee_calculations", "calculation_time", "line_id").build()));
 * }</pre>
 *
 * <p>Several instances may call {@link #applyPolicies} at the same moment against one database: each table is
 * applied under an advisory lock, after re-reading its state, so the database ends up as declared once and the
 * other instances find nothing left to do. Implementations are thread-safe.
 */
public interface TimescaleAdmin {

    /**
     * Creates an admin with the default options.
     *
     * @param dataSource the database, which must have the {@code timescaledb} extension
     * @return the admin
     * @throws TimescaleException when no implementation is on the class path or module path, naming the
     *                            artifact to add
     */
    static TimescaleAdmin create(DataSource dataSource) {
        return create(dataSource, AdminOptions.defaults());
    }

    /**
     * Creates an admin.
     *
     * @param dataSource the database, which must have the {@code timescaledb} extension
     * @param options    timeouts and the failure mode
     * @return the admin
     * @throws TimescaleException when no implementation is on the class path or module path, naming the
     *                            artifact to add
     */
    static TimescaleAdmin create(DataSource dataSource, AdminOptions options) {
        return TimescaleAdmins.provider().create(dataSource, options);
    }

    /**
     * Tells what {@link #applyPolicies} would do now, changing nothing.
     *
     * @param specs the declared tables
     * @return per table, the actions with their SQL, what is in place, what is unsupported, or why it would fail
     */
    PolicyPlan plan(List<PolicySpec> specs);

    /**
     * Makes each declared table as declared: creates hypertables, sets chunk intervals and compression, adds,
     * corrects and (optionally) removes policies. One transaction per table: a failed table is rolled back and
     * the others are applied. A second call with the same specs changes nothing.
     *
     * @param specs the declared tables
     * @return per table, what was done, what was in place, what is unsupported, and failures
     * @throws PolicyApplicationException when a table failed and {@link AdminOptions#failOnError()} is set (after
     *                                    all tables were tried)
     */
    ApplyReport applyPolicies(List<PolicySpec> specs);

    /**
     * Drops, for each spec that declares retention, the chunks older than its {@code dropAfter}, with
     * {@code drop_chunks}. This is retention enforced by the library, for the Apache edition (which has no
     * background policies) or for hosts that schedule retention themselves.
     *
     * @param specs the declared tables; those without retention are left alone
     * @return per table with retention, the chunks dropped
     * @throws TableNotFoundException when a table does not exist or is not a hypertable; the tables after it are
     *                                still enforced, and the first failure is thrown with the others suppressed
     * @throws TimescaleException     when the server refuses (same rule)
     */
    List<ChunkReport> enforceRetention(List<PolicySpec> specs);

    /**
     * Compresses now the chunks of a hypertable whose data is older than the given age.
     *
     * @param table     the hypertable, as in SQL
     * @param olderThan the age
     * @return the chunks compressed (already compressed ones are not listed)
     * @throws TableNotFoundException       when the table does not exist or is not a hypertable
     * @throws UnsupportedEditionException  on the Apache edition
     * @throws InvalidArgumentException     when the age is not positive
     */
    ChunkReport compressChunks(String table, Duration olderThan);

    /**
     * Decompresses the compressed chunks of a hypertable whose time range overlaps {@code [from, to)}.
     *
     * @param table the hypertable, as in SQL, with a timestamp time column
     * @param from  the start of the range, inclusive
     * @param to    the end of the range, exclusive
     * @return the chunks decompressed
     * @throws TableNotFoundException       when the table does not exist or is not a hypertable
     * @throws UnsupportedEditionException  on the Apache edition
     */
    ChunkReport decompressChunks(String table, Instant from, Instant to);

    /**
     * Compresses again, with the table's current segment-by and order-by, the compressed chunks that were
     * compressed with other settings (after a change of those settings, which TimescaleDB applies to new chunks
     * only). Each chunk is decompressed and compressed in its own transaction, bounded by
     * {@link AdminOptions#statementTimeout()}: a run that stops leaves every chunk in one layout or the other,
     * and running again picks up where it stopped. Chunks are done oldest first.
     *
     * @param table the hypertable, as in SQL
     * @return the chunks recompressed, and those skipped because another session changed them meanwhile
     * @throws TableNotFoundException       when the table does not exist or is not a hypertable
     * @throws UnsupportedEditionException  on the Apache edition
     * @throws TimescaleException           when a chunk keeps failing (deadlocks are retried), naming the chunk,
     *                                      the chunks done before it and the session holding the conflicting lock
     */
    ChunkReport recompressChunks(String table);

    /**
     * Drops the chunks of a hypertable whose data is older than the given age, with their rows.
     *
     * @param table     the hypertable, as in SQL
     * @param olderThan the age
     * @return the chunks dropped
     * @throws TableNotFoundException when the table does not exist or is not a hypertable
     */
    ChunkReport dropChunks(String table, Duration olderThan);

    /**
     * Checks the database: connection, extension, edition, scheduler, workers, jobs, compression. Never throws:
     * an unreachable server, or one that stops answering, gives {@link HealthReport.Status#DOWN} within
     * {@link AdminOptions#healthTimeout()}; a check that could not finish is {@link HealthReport.Status#UNKNOWN}.
     *
     * @return the report
     */
    HealthReport health();

    /**
     * Checks the database as {@link #health()} does, and whether the declared policies are in place (the
     * {@code policies} check, from {@link #plan}).
     *
     * @param specs the declared tables
     * @return the report
     */
    HealthReport health(List<PolicySpec> specs);

    /**
     * Returns the statistics of the time-series storage, for operators.
     *
     * @return the statistics, read on each call
     */
    dev.ms5.timescale.monitoring.TimescaleStatistics statistics();

    /**
     * Returns the monitoring endpoints over this admin's database, to mount in the host's HTTP stack or serve
     * with the JDK's built-in server.
     *
     * @param options access policy, audit, declared tables
     * @return the endpoints
     */
    dev.ms5.timescale.monitoring.MonitoringEndpoints monitoring(dev.ms5.timescale.monitoring.MonitoringOptions options);
}
