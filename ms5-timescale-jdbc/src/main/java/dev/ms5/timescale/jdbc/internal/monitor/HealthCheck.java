package dev.ms5.timescale.jdbc.internal.monitor;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.jdbc.internal.Sql;
import dev.ms5.timescale.jdbc.internal.Tx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Reads versions, edition, counts and failing jobs in two queries, bounded by a timeout: a server that stops
 * answering gives an {@link Status#UNAVAILABLE} report when the timeout passes, not a hung caller.
 */
public final class HealthCheck {

    private static final String SUMMARY = """
            SELECT current_setting('server_version'),
                   (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'),
                   current_setting('timescaledb.license', true),
                   (SELECT count(*) FROM _timescaledb_catalog.hypertable h
                    WHERE NOT EXISTS (SELECT 1 FROM _timescaledb_catalog.hypertable c
                                      WHERE c.compressed_hypertable_id = h.id)),
                   (SELECT count(*) FROM timescaledb_information.chunks),
                   (SELECT count(*) FROM timescaledb_information.chunks WHERE is_compressed),
                   (SELECT count(*) FROM timescaledb_information.jobs)""";
    private static final String FAILING = """
            SELECT job_id, coalesce(hypertable_name, '-'), total_failures,
                   (SELECT proc_name FROM timescaledb_information.jobs j WHERE j.job_id = s.job_id)
            FROM timescaledb_information.job_stats s
            WHERE last_run_status = 'Failed'
              -- Telemetry fails on every machine without internet access; it says nothing about the data.
              AND NOT EXISTS (SELECT 1 FROM timescaledb_information.jobs j
                              WHERE j.job_id = s.job_id AND j.proc_name = 'policy_telemetry')
            ORDER BY job_id""";
    private static final Executor EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "ms5-timescale-health");
        thread.setDaemon(true);
        return thread;
    });

    private final DataSource dataSource;
    private final Duration timeout;

    /**
     * Creates the check.
     *
     * @param dataSource the database
     * @param timeout    the longest a check may take
     */
    public HealthCheck(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    /**
     * Runs the check.
     *
     * @return the report; never throws
     */
    public HealthReport check() {
        long start = System.nanoTime();
        CompletableFuture<HealthReport> run = CompletableFuture.supplyAsync(() -> read(start), EXECUTOR);
        try {
            return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            return unavailable("no answer within " + timeout.toMillis() + " ms", start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted", start);
        } catch (ExecutionException e) {
            return unavailable(String.valueOf(e.getCause()), start);
        }
    }

    private HealthReport read(long start) {
        try (Connection connection = dataSource.getConnection()) {
            int networkTimeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(EXECUTOR, (int) timeout.toMillis());
            HealthReport report;
            try {
                report = Tx.single(connection, c -> read(c, start));
            } catch (SQLException | RuntimeException e) {
                restore(connection, networkTimeout, e);
                throw e;
            }
            connection.setNetworkTimeout(EXECUTOR, networkTimeout);
            return report;
        } catch (SQLException e) {
            return unavailable(e.getMessage() + " (SQLState " + e.getSQLState() + ")", start);
        }
    }

    private static void restore(Connection connection, int networkTimeout, Exception first) {
        try {
            if (!connection.isClosed()) {
                connection.setNetworkTimeout(EXECUTOR, networkTimeout);
            }
        } catch (SQLException e) {
            first.addSuppressed(e);
        }
    }

    private HealthReport read(Connection connection, long start) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(Sql.seconds(timeout));
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(FAILING)) {
                while (rs.next()) {
                    problems.add("job " + rs.getInt(1) + " (" + rs.getString(4) + " on " + rs.getString(2)
                            + ") failed its last run, " + rs.getLong(3) + " failures in all; see"
                            + " timescaledb_information.job_errors");
                }
            }
            try (ResultSet rs = statement.executeQuery(SUMMARY)) {
                rs.next();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                return HealthReport.of(List.of(new HealthReport.Check("connection", Status.UP, "PostgreSQL "
                        + rs.getString(1), took, java.util.Map.of()), new HealthReport.Check("jobs",
                        problems.isEmpty() ? Status.UP : Status.DEGRADED, String.join("; ", problems), took,
                        java.util.Map.of())), took);
            }
        }
    }

    private static HealthReport unavailable(String problem, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return HealthReport.of(List.of(new HealthReport.Check("connection", Status.DOWN, problem, took,
                java.util.Map.of())), took);
    }
}
