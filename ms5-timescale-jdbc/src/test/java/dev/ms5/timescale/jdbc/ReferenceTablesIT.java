package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.testkit.ReferenceWorkload;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The reference MS5 tables end with the declared jobs and settings, as TimescaleDB's views show them. */
@TimescaleTest
@RequiresEdition(TimescaleEdition.TIMESCALE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceTablesIT {

    private static final List<PolicySpec> SPECS = ReferenceWorkload.specs(TimescaleSettings.fromMap(Map.of()));

    @BeforeAll
    static void createTables(DataSource dataSource) throws SQLException {
        ReferenceWorkload.createTables(dataSource);
        // Records every DDL command, so that a second apply can be shown to run none.
        Db.execute(dataSource, "CREATE TABLE ddl_log (tag text, at timestamptz DEFAULT now())",
                "CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO ddl_log (tag) SELECT command_tag FROM pg_event_trigger_ddl_commands(); END $$",
                "CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION log_ddl()");
    }

    @Test
    @Order(1)
    void firstApplyCreatesHypertablesSettingsAndOneJobPerPolicy(DataSource dataSource) throws SQLException {
        ApplyReport report = TimescaleAdmin.create(dataSource).applyPolicies(SPECS);

        assertThat(report.failed()).isEmpty();
        assertThat(report.changed()).hasSize(4);
        assertThat(Db.rows(dataSource, "SELECT hypertable_name, column_name, time_interval"
                + " FROM timescaledb_information.dimensions ORDER BY hypertable_name")).containsExactly(
                "energy_consumption|time|1 day", "metric_hist|ts|01:00:00", "oee_calculations|calculation_time|1 day",
                "production_kpis|time|1 day");
        assertThat(Db.rows(dataSource, "SELECT hypertable_name, attname, segmentby_column_index,"
                + " orderby_column_index, orderby_asc FROM timescaledb_information.compression_settings"
                + " ORDER BY hypertable_name, attname")).containsExactly(
                "energy_consumption|equipment_code|1|null|null", "energy_consumption|time|null|1|f",
                "metric_hist|metric_def_id|1|null|null", "metric_hist|ts|null|1|f",
                "oee_calculations|calculation_time|null|1|f", "oee_calculations|line_id|1|null|null",
                "production_kpis|line_id|1|null|null", "production_kpis|time|null|1|f");
        assertThat(Db.rows(dataSource, "SELECT hypertable_name, proc_name, coalesce(config->>'compress_after',"
                + " config->>'drop_after') FROM timescaledb_information.jobs WHERE hypertable_name IS NOT NULL"
                + " ORDER BY hypertable_name, proc_name")).containsExactly(
                "energy_consumption|policy_compression|7 days", "energy_consumption|policy_retention|90 days",
                "metric_hist|policy_compression|7 days", "metric_hist|policy_retention|90 days",
                "oee_calculations|policy_compression|7 days", "oee_calculations|policy_retention|365 days",
                "production_kpis|policy_compression|7 days", "production_kpis|policy_retention|90 days");
    }

    @Test
    @Order(2)
    void secondApplyChangesNothingAndRunsNoDdl(DataSource dataSource) throws SQLException {
        List<String> jobsBefore = Db.rows(dataSource, "SELECT job_id, config, schedule_interval"
                + " FROM timescaledb_information.jobs ORDER BY job_id");
        Db.execute(dataSource, "TRUNCATE ddl_log");

        ApplyReport report = TimescaleAdmin.create(dataSource).applyPolicies(SPECS);

        assertThat(report.changed()).isEmpty();
        assertThat(report.tables()).allSatisfy(t -> assertThat(t.inPlace()).contains("compression policy: after"
                + " 7 days"));
        assertThat(report.tables()).extracting(TableReport::failed).containsOnly(false);
        assertThat(Db.rows(dataSource, "SELECT tag FROM ddl_log")).isEmpty();
        assertThat(Db.rows(dataSource, "SELECT job_id, config, schedule_interval FROM timescaledb_information.jobs"
                + " ORDER BY job_id")).isEqualTo(jobsBefore);
        assertThat(TimescaleAdmin.create(dataSource).plan(SPECS).isEmpty()).isTrue();
    }
}
