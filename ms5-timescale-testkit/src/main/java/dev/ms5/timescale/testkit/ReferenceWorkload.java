package dev.ms5.timescale.testkit;

import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The reference MS5 workload: its four tables and the policies the MS5 system declares for them, for tests,
 * benchmarks and the demo.
 *
 * <table>
 *     <caption>Tables</caption>
 *     <tr><th>table</th><th>time column</th><th>segment by</th><th>chunk</th><th>retain</th></tr>
 *     <tr><td>metric_hist</td><td>ts</td><td>metric_def_id</td><td>1 hour</td><td>90 days</td></tr>
 *     <tr><td>oee_calculations</td><td>calculation_time</td><td>line_id</td><td>1 day</td><td>365 days</td></tr>
 *     <tr><td>energy_consumption</td><td>time</td><td>equipment_code</td><td>1 day</td><td>90 days</td></tr>
 *     <tr><td>production_kpis</td><td>time</td><td>line_id</td><td>1 day</td><td>90 days</td></tr>
 * </table>
 * Each compresses after 7 days, ordered by its time column descending.
 */
public final class ReferenceWorkload {

    /** The tables' names, in the order above. */
    public static final List<String> TABLES = List.of("metric_hist", "oee_calculations", "energy_consumption",
            "production_kpis");

    private static final List<String> DDL = List.of("""
            CREATE TABLE IF NOT EXISTS metric_hist (
                metric_def_id uuid NOT NULL,
                ts timestamptz NOT NULL,
                value_bool boolean,
                value_int bigint,
                value_real double precision,
                value_text text,
                value_json jsonb)""",
            "CREATE INDEX IF NOT EXISTS metric_hist_metric_ts_idx ON metric_hist (metric_def_id, ts DESC)", """
            CREATE TABLE IF NOT EXISTS oee_calculations (
                line_id uuid NOT NULL,
                calculation_time timestamptz NOT NULL,
                availability double precision,
                performance double precision,
                quality double precision,
                oee double precision)""", """
            CREATE TABLE IF NOT EXISTS energy_consumption (
                time timestamptz NOT NULL,
                equipment_code text NOT NULL,
                consumption_kwh double precision,
                power_kw double precision)""", """
            CREATE TABLE IF NOT EXISTS production_kpis (
                time timestamptz NOT NULL,
                line_id uuid NOT NULL,
                units_produced bigint,
                units_scrapped bigint,
                cycle_time_s double precision)""");

    private ReferenceWorkload() {
    }

    /**
     * Creates the four tables as plain tables, where absent; {@code applyPolicies} turns them into hypertables.
     * Safe when several processes do it at once: {@code CREATE TABLE IF NOT EXISTS} alone is not, so the
     * creation runs under a transaction-scoped advisory lock.
     *
     * @param dataSource the database
     * @throws SQLException when the server refuses
     */
    public static void createTables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('ms5-timescale reference workload'))");
                for (String ddl : DDL) {
                    statement.execute(ddl);
                }
                connection.commit();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Returns the four tables' specs from settings (the seed's variables and their per-table forms).
     *
     * @param settings the settings, e.g. {@code TimescaleSettings.fromEnvironment()}
     * @return the specs, in the order of {@link #TABLES}
     */
    public static List<PolicySpec> specs(TimescaleSettings settings) {
        return List.of(settings.spec("metric_hist", "ts", "metric_def_id").build(),
                settings.spec("oee_calculations", "calculation_time", "line_id").build(),
                settings.spec("energy_consumption", "time", "equipment_code").build(),
                settings.spec("production_kpis", "time", "line_id").build());
    }
}
