package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.monitoring.ChunkInfo;
import dev.ms5.timescale.monitoring.ChunkPage;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.ConfigurationReport;
import dev.ms5.timescale.monitoring.DatabaseInfo;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import dev.ms5.timescale.monitoring.HypertableStats;
import dev.ms5.timescale.monitoring.JobStats;
import dev.ms5.timescale.monitoring.TimescaleStatistics;
import dev.ms5.timescale.testkit.ReferenceWorkload;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every statistic on the reference tables, with compressed and uncompressed chunks where the edition has
 * compression, compared with what TimescaleDB's own views and functions say.
 */
@TimescaleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsIT {

    private static final TimescaleSettings SETTINGS = TimescaleSettings.fromMap(Map.of());
    private static final List<PolicySpec> SPECS = ReferenceWorkload.specs(SETTINGS);

    private TimescaleDatabase database;
    private TimescaleStatistics statistics;

    @BeforeAll
    void referenceTablesWithTenDaysOfMetrics(TimescaleDatabase database) throws SQLException {
        this.database = database;
        DataSource dataSource = database.dataSource();
        ReferenceWorkload.createTables(dataSource);
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
        admin.applyPolicies(SPECS);
        Db.quiesceJobs(dataSource);
        Db.execute(dataSource, "INSERT INTO metric_hist (metric_def_id, ts, value_real) SELECT"
                + " ('00000000-0000-0000-0000-00000000000' || (g % 3))::uuid, now() - g * INTERVAL '10 minutes', g"
                + " FROM generate_series(0, 6 * 24 * 10 - 1) g", "ANALYZE metric_hist");
        if (database.edition() == TimescaleEdition.TIMESCALE) {
            admin.compressChunks("metric_hist", Duration.ofDays(7));
        }
        statistics = admin.statistics();
    }

    @Test
    void theExtensionAndTheDatabase() throws SQLException {
        ExtensionInfo extension = statistics.extension();
        DatabaseInfo db = statistics.database();

        assertThat(extension.installedVersion()).contains(database.timescaleVersion());
        assertThat(extension.edition()).contains(database.edition());
        assertThat(extension.newestAvailable()).contains(Db.single(database.dataSource(), "SELECT default_version"
                + " FROM pg_available_extensions WHERE name = 'timescaledb'"));
        assertThat(extension.libraryMatches()).isTrue();
        assertThat(extension.maxBackgroundWorkers()).isEqualTo(Integer.parseInt(Db.single(database.dataSource(),
                "SHOW timescaledb.max_background_workers")));
        assertThat(extension.scheduledJobs()).isEqualTo(Integer.parseInt(Db.single(database.dataSource(),
                "SELECT count(*) FROM timescaledb_information.jobs WHERE scheduled")));
        assertThat(db.database()).isEqualTo(database.name());
        assertThat(db.sizeBytes()).isPositive();
        assertThat(db.connections()).isPositive();
        assertThat(db.roundTrip()).isPositive();
    }

    @Test
    void hypertablesAsTimescaleDbCountsThem() throws SQLException {
        List<HypertableStats> tables = statistics.hypertables();

        assertThat(tables).extracting(t -> t.table().name()).containsExactlyInAnyOrder("energy_consumption",
                "metric_hist", "oee_calculations", "production_kpis");
        HypertableStats metrics = tables.stream().filter(t -> t.table().name().equals("metric_hist")).findFirst()
                .orElseThrow();
        assertThat(metrics.table()).isEqualTo(TableName.parse("public.metric_hist"));
        assertThat(metrics.timeColumn()).isEqualTo("ts");
        assertThat(metrics.chunkInterval()).contains(Duration.ofHours(1));
        assertThat(metrics.chunks()).isEqualTo(count("SELECT count(*) FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'metric_hist'"));
        assertThat(metrics.compressedChunks()).isEqualTo(count("SELECT count(*) FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'metric_hist' AND is_compressed"));
        assertThat(metrics.sizes().estimated()).isTrue();
        assertThat(metrics.approximateRows()).isBetween(1000L, 1600L);
        if (database.edition() == TimescaleEdition.TIMESCALE) {
            assertThat(metrics.compressedChunks()).isPositive().isLessThan(metrics.chunks());
            assertThat(metrics.compressionEnabled()).isTrue();
            // Paused by this test, so that their jobs do not race it.
            assertThat(metrics.policies()).containsExactly("compression after 7 days (paused)",
                    "retention drop after 90 days (paused)");
        } else {
            assertThat(metrics.policies()).isEmpty();
        }
        HypertableStats exact = statistics.hypertablesExact().stream()
                .filter(t -> t.table().name().equals("metric_hist")).findFirst().orElseThrow();
        assertThat(exact.sizes().estimated()).isFalse();
        assertThat(exact.sizes().totalBytes()).isEqualTo(count("SELECT hypertable_size('metric_hist')"));
    }

    @Test
    void compressionAsTimescaleDbRecordedIt() throws SQLException {
        List<CompressionStats> compression = statistics.compression();
        if (database.edition() == TimescaleEdition.APACHE) {
            assertThat(compression).isEmpty();
            return;
        }
        CompressionStats metrics = compression.stream().filter(t -> t.table().name().equals("metric_hist"))
                .findFirst().orElseThrow();
        String[] stats = Db.single(database.dataSource(), "SELECT number_compressed_chunks,"
                + " before_compression_total_bytes, after_compression_total_bytes FROM"
                + " hypertable_compression_stats('metric_hist')").split("\\|");
        assertThat(metrics.compressedChunks()).isEqualTo(Long.parseLong(stats[0]));
        assertThat(metrics.bytesBefore()).isEqualTo(Long.parseLong(stats[1]));
        assertThat(metrics.bytesAfter()).isEqualTo(Long.parseLong(stats[2]));
        assertThat(metrics.segmentBy()).containsExactly("metric_def_id");
        assertThat(metrics.orderBy()).containsExactly("ts DESC");
        assertThat(metrics.chunksWithOtherSettings()).isZero();
        assertThat(metrics.percentSaved()).isPresent();
    }

    @Test
    void chunksNewestFirstInPages() throws SQLException {
        long total = count("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'metric_hist'");
        ChunkPage first = statistics.chunks(Optional.of("metric_hist"), 5, 0);
        ChunkPage second = statistics.chunks(Optional.of("metric_hist"), 5, 5);
        ChunkPage all = statistics.chunks(Optional.empty(), 1000, 0);

        assertThat(first.total()).isEqualTo(total);
        assertThat(first.chunks()).hasSize(5);
        assertThat(first.chunks()).extracting(ChunkInfo::rangeStart)
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(first.chunks().get(0).rangeStart()).isEqualTo(Db.single(database.dataSource(), "SELECT"
                + " to_char(max(range_start) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM"
                + " timescaledb_information.chunks WHERE hypertable_name = 'metric_hist'"));
        assertThat(second.chunks().get(0).rangeStart()).isLessThan(first.chunks().get(4).rangeStart());
        assertThat(all.total()).isEqualTo(count("SELECT count(*) FROM timescaledb_information.chunks"));
        assertThat(statistics.chunks(Optional.of("metric_hist"), 5, (int) total).chunks()).isEmpty();
        assertThat(statistics.chunks(Optional.of("metric_hist"), 5, (int) total).total()).isEqualTo(total);
        if (database.edition() == TimescaleEdition.TIMESCALE) {
            assertThat(all.chunks()).anyMatch(ChunkInfo::compressed).anyMatch(c -> !c.compressed());
        }
        assertThatThrownBy(() -> statistics.chunks(Optional.of("no_such_table"), 5, 0))
                .isInstanceOf(TableNotFoundException.class).hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> statistics.chunks(Optional.empty(), 0, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("limit must be between 1 and 1000, was 0; e.g. 100");
        assertThatThrownBy(() -> statistics.chunks(Optional.empty(), 10, -1))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void jobsWithTheirKindTableAndRuns() throws SQLException {
        List<JobStats> jobs = statistics.jobs();

        assertThat(jobs).extracting(JobStats::id).containsExactlyElementsOf(Db.rows(database.dataSource(),
                "SELECT job_id FROM timescaledb_information.jobs ORDER BY job_id").stream().map(Integer::valueOf)
                .toList());
        if (database.edition() == TimescaleEdition.TIMESCALE) {
            assertThat(jobs).filteredOn(j -> j.table().map(t -> t.name().equals("metric_hist")).orElse(false))
                    .extracting(JobStats::kind, JobStats::scheduled, JobStats::runnable)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(JobStats.Kind.COMPRESSION, false,
                            true), org.assertj.core.groups.Tuple.tuple(JobStats.Kind.RETENTION, false, true));
        } else {
            assertThat(jobs).filteredOn(j -> j.kind() != JobStats.Kind.TELEMETRY)
                    .allSatisfy(j -> assertThat(j.runnable()).isFalse());
        }
    }

    @Test
    void theConfigurationNamesEachDifferenceAndMasksSecrets() {
        List<PolicySpec> drifted = SPECS.stream().map(s -> s.table().name().equals("energy_consumption")
                ? s.toBuilder().chunkInterval(Duration.ofHours(12)).build() : s).toList();

        ConfigurationReport report = statistics.configuration(drifted, SETTINGS,
                Optional.of("jdbc:postgresql://ops:s3cret@db.example:5432/ms5?user=ops&password=s3cret&ssl=true"));

        assertThat(report.database()).contains(
                "jdbc:postgresql://ops:****@db.example:5432/ms5?user=ops&password=****&ssl=true");
        assertThat(report.settings()).containsEntry("TIMESCALEDB_RETENTION_POLICY", "90 days")
                .containsEntry("TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST", "1 hour");
        ConfigurationReport.TableConfiguration energy = report.tables().stream()
                .filter(t -> t.table().name().equals("energy_consumption")).findFirst().orElseThrow();
        assertThat(energy.declared()).containsEntry("chunk_interval", "12 hours").containsEntry("time_column", "time");
        assertThat(energy.differences()).first()
                .isEqualTo("chunk interval: 12 hours (was 1 day; applies to new chunks)");
        // This test paused the policies' jobs: a difference from the specs, named as such.
        assertThat(report.tables()).allSatisfy(t -> assertThat(t.differences())
                .filteredOn(d -> !d.startsWith("chunk interval"))
                .allMatch(d -> database.edition() == TimescaleEdition.TIMESCALE && d.endsWith("is paused; it is left"
                        + " paused")));
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(Db.single(database.dataSource(), sql));
    }
}
