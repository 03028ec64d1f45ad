package dev.ms5.timescale.jdbc;

import static dev.ms5.timescale.jdbc.DriftTables.apply;
import static dev.ms5.timescale.jdbc.DriftTables.chunkInterval;
import static dev.ms5.timescale.jdbc.DriftTables.compressionSettings;
import static dev.ms5.timescale.jdbc.DriftTables.createAndApply;
import static dev.ms5.timescale.jdbc.DriftTables.jobId;
import static dev.ms5.timescale.jdbc.DriftTables.jobKinds;
import static dev.ms5.timescale.jdbc.DriftTables.jobs;
import static dev.ms5.timescale.jdbc.DriftTables.planIsEmpty;
import static dev.ms5.timescale.jdbc.DriftTables.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicyAction.Kind;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Drift on every parameter is corrected: a DBA changes a table behind the library's back, the same spec is
 * applied again, and the report names the correction, TimescaleDB's views show the declared value, one job per
 * policy kind remains and nothing is left to plan.
 */
@TimescaleTest
@RequiresEdition(TimescaleEdition.TIMESCALE)
class DriftIT {

    private static final String COMPRESSION = "policy_compression";
    private static final String RETENTION = "policy_retention";

    @Test
    void chunkIntervalSetByHandIsSetBack(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_chunk").build();
        createAndApply(dataSource, spec);
        Db.execute(dataSource, "SELECT set_chunk_time_interval('drift_chunk', INTERVAL '2 days')");

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.SET_CHUNK_INTERVAL, "chunk interval: 1 day (was 2 days; applies to new chunks)"));
        assertThat(chunkInterval(dataSource, "drift_chunk")).isEqualTo("1 day");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void segmentByChangedByHandIsSetBack(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_segment").build();
        createAndApply(dataSource, spec);
        Db.execute(dataSource, "ALTER TABLE drift_segment SET (timescaledb.compress = true,"
                + " timescaledb.compress_segmentby = 'site')");
        assertThat(compressionSettings(dataSource, "drift_segment")).first().asString().startsWith("site|1|");

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.SET_COMPRESSION, "compression: segment by device, order by ts DESC"
                        + " (was segment by site, order by ts DESC)"));
        assertThat(compressionSettings(dataSource, "drift_segment"))
                .containsExactly("device|1|null|null|null", "ts|null|1|f|t");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void orderByChangedByHandIsSetBack(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_order").build();
        createAndApply(dataSource, spec);
        Db.execute(dataSource, "ALTER TABLE drift_order SET (timescaledb.compress = true,"
                + " timescaledb.compress_segmentby = 'device', timescaledb.compress_orderby = 'ts ASC')");
        assertThat(compressionSettings(dataSource, "drift_order")).contains("ts|null|1|t|f");

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.SET_COMPRESSION, "compression: segment by device, order by ts DESC"
                        + " (was segment by device, order by ts)"));
        assertThat(compressionSettings(dataSource, "drift_order"))
                .containsExactly("device|1|null|null|null", "ts|null|1|f|t");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void compressionPolicyReAddedWithAnotherAgeIsReplaced(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_compress_after").build();
        createAndApply(dataSource, spec);
        Db.execute(dataSource, "SELECT remove_compression_policy('drift_compress_after')",
                "SELECT add_compression_policy('drift_compress_after', INTERVAL '3 days')");
        int job = jobId(dataSource, "drift_compress_after", COMPRESSION);

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.REMOVE_POLICY, "compression policy: after 7 days (was compress_after 3 days): remove job "
                        + job + " and add it again"),
                tuple(Kind.ADD_POLICY, "compression policy: add, after 7 days"));
        assertThat(jobs(dataSource, "drift_compress_after")).filteredOn(j -> j.startsWith(COMPRESSION))
                .singleElement().asString().startsWith(COMPRESSION + "|7 days|");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void compressionScheduleAlteredByHandIsSetBack(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_compress_schedule").compression(PolicySpec.Compression
                .after(Duration.ofDays(7)).segmentBy("device").schedule(Duration.ofHours(6))).build();
        createAndApply(dataSource, spec);
        int job = jobId(dataSource, "drift_compress_schedule", COMPRESSION);
        Db.execute(dataSource, "SELECT alter_job(" + job + ", schedule_interval => INTERVAL '2 hours')");

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.ALTER_POLICY, "compression policy: every 6 hours (was 2 hours)"));
        assertThat(jobs(dataSource, "drift_compress_schedule")).first()
                .isEqualTo(COMPRESSION + "|7 days|06:00:00|null");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void scheduleNotDeclaredIsLeftAsTheDbaSetIt(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_schedule_free").build();
        createAndApply(dataSource, spec);
        int job = jobId(dataSource, "drift_schedule_free", COMPRESSION);
        Db.execute(dataSource, "SELECT alter_job(" + job + ", schedule_interval => INTERVAL '2 hours')");

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).isEmpty();
        assertThat(report.inPlace()).contains("compression policy: after 7 days");
        assertThat(jobs(dataSource, "drift_schedule_free")).first().isEqualTo(COMPRESSION + "|7 days|02:00:00|null");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void retentionReAddedWithAnotherAgeIsReplaced(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_retention_age").build();
        createAndApply(dataSource, spec);
        Db.execute(dataSource, "SELECT remove_retention_policy('drift_retention_age')",
                "SELECT add_retention_policy('drift_retention_age', INTERVAL '30 days')");
        int job = jobId(dataSource, "drift_retention_age", RETENTION);

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.REMOVE_POLICY, "retention policy: drop after 90 days (was drop_after 30 days): remove job "
                        + job + " and add it again"),
                tuple(Kind.ADD_POLICY, "retention policy: add, drop after 90 days"));
        assertThat(jobs(dataSource, "drift_retention_age")).filteredOn(j -> j.startsWith(RETENTION))
                .singleElement().asString().startsWith(RETENTION + "|90 days|");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void retentionScheduleAlteredByHandIsSetBack(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_retention_schedule").retention(new PolicySpec.Retention(Duration.ofDays(90),
                Optional.of(Duration.ofHours(12)))).build();
        createAndApply(dataSource, spec);
        int job = jobId(dataSource, "drift_retention_schedule", RETENTION);
        Db.execute(dataSource, "SELECT alter_job(" + job + ", schedule_interval => INTERVAL '2 days')");

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.ALTER_POLICY, "retention policy: every 12 hours (was 2 days)"));
        assertThat(jobs(dataSource, "drift_retention_schedule")).filteredOn(j -> j.startsWith(RETENTION))
                .containsExactly(RETENTION + "|90 days|12:00:00|null");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void scheduleCorrectionKeepsTheTimezoneTheDbaSet(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_timezone").retention(new PolicySpec.Retention(Duration.ofDays(90),
                Optional.of(Duration.ofHours(12)))).build();
        createAndApply(dataSource, spec);
        int job = jobId(dataSource, "drift_timezone", RETENTION);
        Db.execute(dataSource, "SELECT alter_job(" + job + ", schedule_interval => INTERVAL '2 days',"
                + " timezone => 'Europe/Berlin')");

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.ALTER_POLICY, "retention policy: every 12 hours (was 2 days)"));
        // The jobs view does not show the timezone; the job catalog does (on every supported version).
        assertThat(Db.single(dataSource, "SELECT schedule_interval, timezone FROM _timescaledb_config.bgw_job"
                + " WHERE id = ?", job)).isEqualTo("12:00:00|Europe/Berlin");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void duplicateRetentionJobIsRemovedAndOneStays(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_duplicate").build();
        createAndApply(dataSource, spec);
        int kept = jobId(dataSource, "drift_duplicate", RETENTION);
        int duplicate = Integer.parseInt(Db.single(dataSource, "SELECT add_job("
                + "'_timescaledb_functions.policy_retention', INTERVAL '1 day', config => jsonb_build_object("
                + "'hypertable_id', (SELECT id FROM _timescaledb_catalog.hypertable WHERE table_name ="
                + " 'drift_duplicate'), 'drop_after', '30 days'))"));
        assertThat(jobKinds(dataSource, "drift_duplicate")).containsExactly(COMPRESSION, RETENTION, RETENTION);

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.REMOVE_POLICY, "retention policy: remove duplicate job " + duplicate + " (job " + kept
                        + " stays)"));
        assertThat(Db.rows(dataSource, "SELECT job_id, config->>'drop_after' FROM timescaledb_information.jobs"
                + " WHERE proc_name = 'policy_retention' AND (config->>'hypertable_id')::int = (SELECT id FROM"
                + " _timescaledb_catalog.hypertable WHERE table_name = 'drift_duplicate')"))
                .containsExactly(kept + "|90 days");
        assertConverged(dataSource, spec, COMPRESSION, RETENTION);
    }

    @Test
    void reorderPolicyMovedToAnotherIndexIsSetBack(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_reorder").reorder("drift_reorder_ts_idx").build();
        createAndApply(dataSource, spec);
        Db.execute(dataSource, "SELECT remove_reorder_policy('drift_reorder')",
                "SELECT add_reorder_policy('drift_reorder', 'drift_reorder_device_ts_idx')");
        int job = jobId(dataSource, "drift_reorder", "policy_reorder");

        TableReport report = apply(dataSource, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.REMOVE_POLICY, "reorder policy: index drift_reorder_ts_idx (was drift_reorder_device_ts_idx)"
                        + ": remove job " + job + " and add it again"),
                tuple(Kind.ADD_POLICY, "reorder policy: add, on index drift_reorder_ts_idx"));
        assertThat(Db.rows(dataSource, "SELECT config->>'index_name' FROM timescaledb_information.jobs"
                + " WHERE hypertable_name = 'drift_reorder' AND proc_name = 'policy_reorder'"))
                .containsExactly("drift_reorder_ts_idx");
        assertConverged(dataSource, spec, COMPRESSION, "policy_reorder", RETENTION);
    }

    @Test
    void undeclaredRetentionStaysByDefaultAndGoesWhenAsked(DataSource dataSource) throws SQLException {
        PolicySpec spec = spec("drift_undeclared").retention((Duration) null).build();
        createAndApply(dataSource, spec);
        Db.execute(dataSource, "SELECT add_retention_policy('drift_undeclared', INTERVAL '30 days')");
        int job = jobId(dataSource, "drift_undeclared", RETENTION);

        assertThat(apply(dataSource, spec).applied()).isEmpty();
        assertThat(jobKinds(dataSource, "drift_undeclared")).containsExactly(COMPRESSION, RETENTION);
        assertThat(planIsEmpty(dataSource, AdminOptions.defaults(), spec)).isTrue();

        AdminOptions removing = AdminOptions.defaults().removeUndeclaredPolicies(true);
        TableReport report = apply(dataSource, removing, spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.REMOVE_POLICY, "retention policy: remove job " + job + ", no longer declared"));
        assertThat(jobKinds(dataSource, "drift_undeclared")).containsExactly(COMPRESSION);
        assertThat(planIsEmpty(dataSource, removing, spec)).isTrue();
    }

    @Test
    void retentionAddedIfNotExistsOnlyWarnsButApplyReplacesIt(DataSource dataSource) throws SQLException {
        PolicySpec ninety = spec("drift_if_not_exists").build();
        createAndApply(dataSource, ninety);
        int job = jobId(dataSource, "drift_if_not_exists", RETENTION);

        // TimescaleDB's own "upsert" keeps the old age and only warns.
        assertThat(DriftTables.executeWithWarnings(dataSource, "SELECT add_retention_policy('drift_if_not_exists',"
                + " drop_after => INTERVAL '30 days', if_not_exists => true)"))
                .anySatisfy(w -> assertThat(w).contains("retention policy already exists"));
        assertThat(configDropAfter(dataSource, "drift_if_not_exists")).isEqualTo("90 days");

        PolicySpec thirty = ninety.toBuilder().retention(Duration.ofDays(30)).build();
        TableReport report = apply(dataSource, thirty);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.REMOVE_POLICY, "retention policy: drop after 30 days (was drop_after 90 days): remove job "
                        + job + " and add it again"),
                tuple(Kind.ADD_POLICY, "retention policy: add, drop after 30 days"));
        assertThat(configDropAfter(dataSource, "drift_if_not_exists")).isEqualTo("30 days");
        assertConverged(dataSource, thirty, COMPRESSION, RETENTION);
    }

    private static String configDropAfter(DataSource dataSource, String table) throws SQLException {
        return Db.single(dataSource, "SELECT config->>'drop_after' FROM timescaledb_information.jobs"
                + " WHERE hypertable_name = ? AND proc_name = 'policy_retention'", table);
    }

    /** One job per declared policy kind, and nothing left to plan. */
    private static void assertConverged(DataSource dataSource, PolicySpec spec, String... kinds) throws SQLException {
        assertThat(jobKinds(dataSource, spec.table().name())).containsExactly(kinds);
        assertThat(planIsEmpty(dataSource, AdminOptions.defaults(), spec)).isTrue();
    }
}
