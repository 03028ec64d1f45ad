package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.ChunkReport;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.Unsupported;
import dev.ms5.timescale.UnsupportedEditionException;
import dev.ms5.timescale.testkit.ReferenceWorkload;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * On the Apache edition the reference tables still become hypertables with their chunk intervals; compression
 * and background retention are reported as unsupported, with the reason, and retention is enforced by the
 * library on request.
 */
@TimescaleTest
@RequiresEdition(TimescaleEdition.APACHE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApacheEditionPolicyIT {

    private static final List<PolicySpec> SPECS = ReferenceWorkload.specs(TimescaleSettings.fromMap(Map.of()));
    private static final String LICENSE = "timescaledb.license=apache";

    private static List<String> jobsBefore;

    @BeforeAll
    static void createTables(DataSource dataSource) throws SQLException {
        ReferenceWorkload.createTables(dataSource);
        jobsBefore = jobs(dataSource);
    }

    @Test
    @Order(1)
    void tablesBecomeHypertablesAndPoliciesAreReportedUnsupported(DataSource dataSource) throws SQLException {
        ApplyReport report = TimescaleAdmin.create(dataSource).applyPolicies(SPECS);

        assertThat(report.failed()).isEmpty();
        assertThat(report.tables()).allSatisfy(t -> {
            assertThat(t.applied()).extracting(PolicyAction::kind)
                    .containsExactly(PolicyAction.Kind.CREATE_HYPERTABLE);
            assertUnsupportedWithReason(t);
        });
        assertThat(Db.rows(dataSource, "SELECT hypertable_name, column_name, time_interval"
                + " FROM timescaledb_information.dimensions ORDER BY hypertable_name")).containsExactly(
                "energy_consumption|time|1 day", "metric_hist|ts|01:00:00", "oee_calculations|calculation_time|1 day",
                "production_kpis|time|1 day");
        assertThat(Db.rows(dataSource, "SELECT hypertable_name FROM timescaledb_information.compression_settings"))
                .isEmpty();
        assertThat(jobs(dataSource)).isEqualTo(jobsBefore);
    }

    @Test
    @Order(2)
    void secondApplyChangesNothing(DataSource dataSource) throws SQLException {
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);

        ApplyReport report = admin.applyPolicies(SPECS);

        assertThat(report.failed()).isEmpty();
        assertThat(report.changed()).isEmpty();
        assertThat(report.tables()).allSatisfy(ApacheEditionPolicyIT::assertUnsupportedWithReason);
        assertThat(admin.plan(SPECS).isEmpty()).isTrue();
        assertThat(jobs(dataSource)).isEqualTo(jobsBefore);
    }

    @Test
    @Order(3)
    void enforceRetentionDropsChunksOlderThanTheRetentionAndKeepsRecentRows(DataSource dataSource)
            throws SQLException {
        Db.execute(dataSource,
                "INSERT INTO metric_hist (metric_def_id, ts, value_real) SELECT gen_random_uuid(),"
                        + " now() - interval '400 days' + i * interval '1 minute', i FROM generate_series(1, 50) i",
                "INSERT INTO metric_hist (metric_def_id, ts, value_real) SELECT gen_random_uuid(),"
                        + " now() - interval '2 hours' + i * interval '1 minute', i FROM generate_series(1, 60) i",
                "INSERT INTO oee_calculations (line_id, calculation_time, oee) SELECT gen_random_uuid(),"
                        + " now() - interval '400 days', 0.5 FROM generate_series(1, 10)",
                "INSERT INTO oee_calculations (line_id, calculation_time, oee) SELECT gen_random_uuid(),"
                        + " now() - interval '100 days', 0.7 FROM generate_series(1, 10)");
        List<String> oldMetricChunks = chunksEndingBefore(dataSource, "metric_hist", "90 days");
        List<String> oldOeeChunks = chunksEndingBefore(dataSource, "oee_calculations", "365 days");
        assertThat(oldMetricChunks).isNotEmpty();
        assertThat(oldOeeChunks).isNotEmpty();

        List<ChunkReport> reports = TimescaleAdmin.create(dataSource).enforceRetention(SPECS);

        assertThat(reports).extracting(r -> r.table().name()).containsExactlyElementsOf(ReferenceWorkload.TABLES);
        assertThat(reports).extracting(ChunkReport::operation).containsOnly(ChunkReport.Operation.DROP);
        assertThat(reports.get(0).chunks()).containsExactlyInAnyOrderElementsOf(oldMetricChunks);
        assertThat(reports.get(1).chunks()).containsExactlyInAnyOrderElementsOf(oldOeeChunks);
        assertThat(Db.single(dataSource, "SELECT count(*) FROM metric_hist WHERE ts < now() - interval '90 days'"))
                .isEqualTo("0");
        assertThat(Db.single(dataSource, "SELECT count(*) FROM metric_hist")).isEqualTo("60");
        assertThat(Db.rows(dataSource, "SELECT oee, count(*) FROM oee_calculations GROUP BY oee"))
                .containsExactly("0.7|10");
        assertThat(chunksEndingBefore(dataSource, "metric_hist", "90 days")).isEmpty();
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'metric_hist'")).isNotEqualTo("0");
    }

    @Test
    @Order(4)
    void compressingAndDecompressingChunksNeedTheTimescaleLicense(DataSource dataSource) {
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);

        assertThatThrownBy(() -> admin.compressChunks("metric_hist", Duration.ofDays(7)))
                .isInstanceOf(UnsupportedEditionException.class).hasMessageContaining(LICENSE);
        assertThatThrownBy(() -> admin.decompressChunks("metric_hist", Instant.EPOCH, Instant.now()))
                .isInstanceOf(UnsupportedEditionException.class).hasMessageContaining(LICENSE);
    }

    private static void assertUnsupportedWithReason(TableReport table) {
        assertThat(table.unsupported()).extracting(Unsupported::what)
                .containsExactly("compression", "retention policy");
        assertThat(table.unsupported()).allSatisfy(u -> assertThat(u.reason()).contains(LICENSE));
        assertThat(table.unsupported().get(1).reason()).contains("TimescaleAdmin.enforceRetention");
    }

    private static List<String> chunksEndingBefore(DataSource dataSource, String table, String age)
            throws SQLException {
        return Db.rows(dataSource, "SELECT format('%I.%I', chunk_schema, chunk_name)"
                + " FROM timescaledb_information.chunks WHERE hypertable_name = ?"
                + " AND range_end <= now() - ?::interval", table, age);
    }

    private static List<String> jobs(DataSource dataSource) throws SQLException {
        return Db.rows(dataSource, "SELECT job_id, proc_name, hypertable_name FROM timescaledb_information.jobs"
                + " ORDER BY job_id");
    }
}
