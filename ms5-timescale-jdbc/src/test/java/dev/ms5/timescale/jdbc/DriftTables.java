package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Tables for the drift tests, and what a user reads back about them: the jobs of a table (also those that
 * {@code add_job} created, which the jobs view shows without a hypertable name), its settings and its plan.
 */
final class DriftTables {

    private DriftTables() {
    }

    /**
     * Creates a plain table {@code name} with a time column {@code ts}, columns {@code device} and {@code site},
     * and two indexes, {@code <name>_ts_idx} and {@code <name>_device_ts_idx}.
     */
    static void create(DataSource dataSource, String name) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE " + name + " (ts timestamptz NOT NULL, device integer NOT NULL,"
                        + " site integer, value double precision)",
                "CREATE INDEX " + name + "_ts_idx ON " + name + " (ts DESC)",
                "CREATE INDEX " + name + "_device_ts_idx ON " + name + " (device, ts DESC)");
    }

    /** A spec as a host would declare it: 1-day chunks, compression by device after 7 days, 90-day retention. */
    static PolicySpec.Builder spec(String name) {
        return PolicySpec.builder(name, "ts")
                .chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device").orderBy("ts DESC"))
                .retention(Duration.ofDays(90));
    }

    /** Creates the table and applies the spec to it, checking that this first apply succeeded. */
    static void createAndApply(DataSource dataSource, PolicySpec spec) throws SQLException {
        create(dataSource, spec.table().name());
        ApplyReport report = TimescaleAdmin.create(dataSource).applyPolicies(List.of(spec));
        assertThat(report.failed()).isEmpty();
        assertThat(report.tables().get(0).applied()).isNotEmpty();
    }

    /** Applies one spec again and returns its table's report. */
    static TableReport apply(DataSource dataSource, PolicySpec spec) {
        return apply(dataSource, AdminOptions.defaults(), spec);
    }

    static TableReport apply(DataSource dataSource, AdminOptions options, PolicySpec spec) {
        ApplyReport report = TimescaleAdmin.create(dataSource, options).applyPolicies(List.of(spec));
        assertThat(report.tables()).hasSize(1);
        assertThat(report.tables().get(0).failure()).isEmpty();
        return report.tables().get(0);
    }

    /**
     * The policy jobs of a table, as {@code proc_name|age|schedule|index}, oldest first: those the jobs view
     * ties to the table and those whose config names its hypertable id (jobs made with {@code add_job}).
     */
    static List<String> jobs(DataSource dataSource, String table) throws SQLException {
        return Db.rows(dataSource, "SELECT j.proc_name, coalesce(j.config->>'compress_after',"
                + " j.config->>'drop_after'), j.schedule_interval, j.config->>'index_name'"
                + " FROM timescaledb_information.jobs j"
                + " WHERE j.proc_name IN ('policy_compression', 'policy_retention', 'policy_reorder')"
                + " AND (j.hypertable_name = ? OR (j.config->>'hypertable_id')::int = (SELECT id FROM"
                + " _timescaledb_catalog.hypertable WHERE table_name = ?)) ORDER BY j.job_id", table, table);
    }

    /** The policy kinds of a table's jobs, sorted: one entry per job. */
    static List<String> jobKinds(DataSource dataSource, String table) throws SQLException {
        return jobs(dataSource, table).stream().map(j -> j.substring(0, j.indexOf('|'))).sorted().toList();
    }

    /** The id of the table's only job of a kind, e.g. {@code policy_retention}. */
    static int jobId(DataSource dataSource, String table, String procName) throws SQLException {
        return Integer.parseInt(Db.single(dataSource, "SELECT job_id FROM timescaledb_information.jobs"
                + " WHERE hypertable_name = ? AND proc_name = ?", table, procName));
    }

    /** The table's compression settings as {@code column|segmentby index|orderby index|asc|nulls first}. */
    static List<String> compressionSettings(DataSource dataSource, String table) throws SQLException {
        return Db.rows(dataSource, "SELECT attname, segmentby_column_index, orderby_column_index, orderby_asc,"
                + " orderby_nullsfirst FROM timescaledb_information.compression_settings WHERE hypertable_name = ?"
                + " ORDER BY segmentby_column_index NULLS LAST, orderby_column_index", table);
    }

    /** The chunk interval of the table's time dimension, as the dimensions view prints it. */
    static String chunkInterval(DataSource dataSource, String table) throws SQLException {
        return Db.single(dataSource, "SELECT time_interval FROM timescaledb_information.dimensions"
                + " WHERE hypertable_name = ? AND dimension_number = 1", table);
    }

    /** Whether planning the spec again finds nothing to do. */
    static boolean planIsEmpty(DataSource dataSource, AdminOptions options, PolicySpec spec) {
        return TimescaleAdmin.create(dataSource, options).plan(List.of(spec)).isEmpty();
    }

    /** Runs a statement as a DBA would in psql and returns the warnings and notices the server sent. */
    static List<String> executeWithWarnings(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
            List<String> messages = new ArrayList<>();
            for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                messages.add(w.getMessage());
            }
            return messages;
        }
    }
}
