package dev.ms5.timescale.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Small helpers for reading what a user would see in the database. */
final class Db {

    private Db() {
    }

    static void execute(DataSource dataSource, String... sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    /** Runs a query and returns each row as its columns joined by {@code |}. */
    static List<String> rows(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= columns; c++) {
                        row.append(c > 1 ? "|" : "").append(rs.getString(c));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }

    /**
     * Pauses the policy jobs of this database and waits until none runs, so that a test may drop or alter their
     * tables without racing a job (which can deadlock with the test's DDL). TimescaleDB's own jobs (ids under
     * 1000) are left alone.
     */
    static void quiesceJobs(DataSource dataSource) throws SQLException {
        rows(dataSource, "SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs"
                + " WHERE job_id >= 1000 AND scheduled");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!rows(dataSource, "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name ~ '\\[[0-9]{4,}\\]$'").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a TimescaleDB job kept running for 60 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static String single(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        List<String> rows = rows(dataSource, sql, parameters);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + rows);
        }
        return rows.get(0);
    }

    /** Writes a run's outcome into a job's statistics, as TimescaleDB's scheduler does after a run. */
    static void recordJobRun(DataSource dataSource, int job, boolean succeeded, int consecutiveFailures)
            throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO _timescaledb_internal.bgw_job_stat AS s (job_id, last_start,"
                    + " last_finish, next_start, last_successful_finish, last_run_success, total_runs,"
                    + " total_duration, total_duration_failures, total_successes, total_failures, total_crashes,"
                    + " consecutive_failures, consecutive_crashes, flags) VALUES (" + job + ", now() - INTERVAL"
                    + " '1 minute', now() - INTERVAL '50 seconds', now() + INTERVAL '1 day', "
                    + (succeeded ? "now() - INTERVAL '50 seconds'" : "'-infinity'") + ", " + succeeded + ", 3,"
                    + " INTERVAL '1 second', INTERVAL '1 second', " + (succeeded ? 1 : 0) + ", 3, 0, "
                    + consecutiveFailures + ", 0, 0) ON CONFLICT (job_id) DO UPDATE SET last_run_success ="
                    + " excluded.last_run_success, consecutive_failures = excluded.consecutive_failures,"
                    + " last_successful_finish = excluded.last_successful_finish, next_start = excluded.next_start,"
                    + " last_start = excluded.last_start, last_finish = excluded.last_finish");
        }
    }
}
