package dev.ms5.timescale.jdbc;

import static dev.ms5.timescale.jdbc.DriftTables.createAndApply;
import static dev.ms5.timescale.jdbc.DriftTables.jobId;
import static dev.ms5.timescale.jdbc.DriftTables.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicyPlan;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.testkit.ReferenceWorkload;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The actions plan lists are exactly what applyPolicies then does, and planning changes nothing. */
@TimescaleTest
@RequiresEdition(TimescaleEdition.TIMESCALE)
class PlanEqualsApplyIT {

    @Test
    void freshReferenceTablesGetExactlyThePlannedActions(DataSource dataSource) throws SQLException {
        ReferenceWorkload.createTables(dataSource);
        List<PolicySpec> specs = ReferenceWorkload.specs(TimescaleSettings.fromMap(Map.of()));
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);

        PolicyPlan plan = admin.plan(specs);
        ApplyReport report = admin.applyPolicies(specs);

        assertThat(plan.tables()).allSatisfy(t -> assertThat(t.actions()).extracting(PolicyAction::kind)
                .startsWith(PolicyAction.Kind.CREATE_HYPERTABLE));
        assertAppliedAsPlanned(plan, report);
        assertThat(admin.plan(specs).isEmpty()).isTrue();
    }

    @Test
    void driftedTablesGetExactlyThePlannedActions(DataSource dataSource) throws SQLException {
        List<PolicySpec> specs = driftedTables(dataSource, "pe_drift");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults()
                .removeUndeclaredPolicies(true).failOnError(false));

        PolicyPlan plan = admin.plan(specs);
        ApplyReport report = admin.applyPolicies(specs);

        assertThat(plan.tables().get(0).actions()).extracting(PolicyAction::kind).containsExactly(
                PolicyAction.Kind.SET_CHUNK_INTERVAL, PolicyAction.Kind.SET_COMPRESSION,
                PolicyAction.Kind.REMOVE_POLICY, PolicyAction.Kind.ADD_POLICY, PolicyAction.Kind.REMOVE_POLICY,
                PolicyAction.Kind.ALTER_POLICY, PolicyAction.Kind.REMOVE_POLICY, PolicyAction.Kind.ADD_POLICY);
        assertThat(plan.tables().get(1).actions()).extracting(PolicyAction::kind).containsExactly(
                PolicyAction.Kind.ALTER_POLICY, PolicyAction.Kind.REMOVE_POLICY);
        assertThat(plan.tables().get(2).actions()).extracting(PolicyAction::kind)
                .startsWith(PolicyAction.Kind.CREATE_HYPERTABLE);
        assertThat(plan.tables().get(3).actions()).isEmpty();
        assertThat(plan.tables().get(4).failure()).isPresent();
        assertAppliedAsPlanned(plan, report);
        assertThat(report.tables().get(4).failure()).isEqualTo(plan.tables().get(4).failure());
        assertThat(admin.plan(specs).actions()).isEmpty();
    }

    @Test
    void planChangesNothing(DataSource dataSource) throws SQLException {
        List<PolicySpec> specs = driftedTables(dataSource, "pe_readonly");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults()
                .removeUndeclaredPolicies(true));
        Db.execute(dataSource, "CREATE TABLE pe_readonly_ddl_log (tag text)",
                "CREATE FUNCTION pe_readonly_log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO pe_readonly_ddl_log SELECT command_tag FROM pg_event_trigger_ddl_commands();"
                        + " END $$",
                "CREATE EVENT TRIGGER pe_readonly_log_ddl ON ddl_command_end EXECUTE FUNCTION pe_readonly_log_ddl()");
        List<String> before = snapshot(dataSource);
        try {
            PolicyPlan plan = admin.plan(specs);

            assertThat(plan.actions()).hasSizeGreaterThan(10);
            assertThat(Db.rows(dataSource, "SELECT tag FROM pe_readonly_ddl_log")).isEmpty();
        } finally {
            Db.execute(dataSource, "DROP EVENT TRIGGER pe_readonly_log_ddl");
        }
        assertThat(snapshot(dataSource)).isEqualTo(before);
    }

    private static void assertAppliedAsPlanned(PolicyPlan plan, ApplyReport report) {
        assertThat(report.tables()).hasSameSizeAs(plan.tables());
        for (int i = 0; i < plan.tables().size(); i++) {
            assertThat(report.tables().get(i).applied()).as("table %s", plan.tables().get(i).table())
                    .isEqualTo(plan.tables().get(i).actions());
        }
    }

    /**
     * Five tables: one drifted on every parameter, one with a drifted schedule and an undeclared policy, a new
     * plain table, one as declared, and a missing one.
     */
    private static List<PolicySpec> driftedTables(DataSource dataSource, String prefix) throws SQLException {
        PolicySpec all = spec(prefix + "_all").reorder(prefix + "_all_ts_idx").build();
        PolicySpec schedule = spec(prefix + "_schedule").compression(PolicySpec.Compression.after(Duration.ofDays(7))
                .segmentBy("device").schedule(Duration.ofHours(6))).retention((Duration) null).build();
        PolicySpec same = spec(prefix + "_same").build();
        for (PolicySpec spec : List.of(all, schedule, same)) {
            createAndApply(dataSource, spec);
        }
        String table = all.table().name();
        Db.execute(dataSource, "SELECT set_chunk_time_interval('" + table + "', INTERVAL '3 days')",
                "ALTER TABLE " + table + " SET (timescaledb.compress = true, timescaledb.compress_segmentby = 'site',"
                        + " timescaledb.compress_orderby = 'ts ASC')",
                "SELECT remove_compression_policy('" + table + "')",
                "SELECT add_compression_policy('" + table + "', INTERVAL '2 days')",
                "SELECT alter_job(" + jobId(dataSource, table, "policy_retention")
                        + ", schedule_interval => INTERVAL '5 hours')",
                "SELECT add_job('_timescaledb_functions.policy_retention', INTERVAL '1 day', config =>"
                        + " jsonb_build_object('hypertable_id', (SELECT id FROM _timescaledb_catalog.hypertable"
                        + " WHERE table_name = '" + table + "'), 'drop_after', '10 days'))",
                "SELECT remove_reorder_policy('" + table + "')",
                "SELECT add_reorder_policy('" + table + "', '" + table + "_device_ts_idx')",
                "SELECT alter_job(" + jobId(dataSource, schedule.table().name(), "policy_compression")
                        + ", schedule_interval => INTERVAL '1 hour')",
                "SELECT add_retention_policy('" + schedule.table().name() + "', INTERVAL '30 days')");
        PolicySpec fresh = spec(prefix + "_new").build();
        DriftTables.create(dataSource, fresh.table().name());
        List<PolicySpec> specs = new ArrayList<>(List.of(all.toBuilder().retention(new PolicySpec.Retention(
                Duration.ofDays(90), Optional.of(Duration.ofDays(1)))).build(), schedule, fresh, same));
        specs.add(spec(prefix + "_missing").build());
        return specs;
    }

    /** What a user sees of the database: hypertables, dimensions, compression settings, jobs, relations. */
    private static List<String> snapshot(DataSource dataSource) throws SQLException {
        List<String> rows = new ArrayList<>();
        rows.addAll(Db.rows(dataSource, "SELECT hypertable_name, compression_enabled, num_chunks"
                + " FROM timescaledb_information.hypertables ORDER BY 1"));
        rows.addAll(Db.rows(dataSource, "SELECT hypertable_name, column_name, time_interval"
                + " FROM timescaledb_information.dimensions ORDER BY 1, 2"));
        rows.addAll(Db.rows(dataSource, "SELECT * FROM timescaledb_information.compression_settings"
                + " ORDER BY 1, 2, 3"));
        rows.addAll(Db.rows(dataSource, "SELECT job_id, proc_name, schedule_interval, config, scheduled"
                + " FROM timescaledb_information.jobs ORDER BY job_id"));
        rows.addAll(Db.rows(dataSource, "SELECT relname, relkind FROM pg_class WHERE relname LIKE 'pe\\_%'"
                + " ORDER BY 1"));
        return rows;
    }
}
