package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.OrderBy;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.spring.boot.autoconfigure.TimescaleAutoConfiguration;
import dev.ms5.timescale.spring.boot.startup.DeclaredTables;
import dev.ms5.timescale.spring.boot.startup.InvalidPropertyException;
import dev.ms5.timescale.spring.boot.startup.TimescaleFailureAnalyzer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The declared tables from properties, PolicySpec beans and the TIMESCALEDB_* settings, and their precedence. */
class TableDeclarationsTest {

    private final StubAdmin stub = new StubAdmin();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimescaleAutoConfiguration.class))
            .withBean(DataSource.class, PGSimpleDataSource::new)
            .withBean(TimescaleAdmin.class, () -> stub.admin);

    @Test
    void aTableFromItsTimeColumnAndSegmentByTakesTheRestFromTheSeedDefaults() {
        runner.withPropertyValues("ms5.timescale.tables.metric_hist.time-column=ts",
                "ms5.timescale.tables.metric_hist.segment-by=metric_def_id").run(context -> {
                    PolicySpec spec = only(context);
                    assertThat(spec.table().name()).isEqualTo("metric_hist");
                    assertThat(spec.timeColumn()).isEqualTo("ts");
                    assertThat(spec.chunkInterval()).contains(Duration.ofHours(1));
                    assertThat(spec.compression().orElseThrow().after()).isEqualTo(Duration.ofDays(7));
                    assertThat(spec.compression().orElseThrow().segmentBy()).containsExactly("metric_def_id");
                    assertThat(spec.retention().orElseThrow().dropAfter()).isEqualTo(Duration.ofDays(90));
                    assertThat(stub.applied).containsExactly(List.of(spec));
                    assertThat(context.getBean(DeclaredTables.class).declarations().get(0).source())
                            .isEqualTo("ms5.timescale.tables.metric_hist");
                });
    }

    @Test
    void aPropertyBeatsTheTablesSettingWhichBeatsTheGlobalSetting() {
        runner.withPropertyValues("ms5.timescale.tables.events.time-column=at",
                "ms5.timescale.tables.events.retention=60 days",
                "TIMESCALEDB_RETENTION_POLICY_EVENTS=30 days",
                "TIMESCALEDB_CHUNK_TIME_INTERVAL_EVENTS=2 hours",
                "TIMESCALEDB_CHUNK_TIME_INTERVAL=3 hours",
                "TIMESCALEDB_COMPRESSION_AFTER=P3D").run(context -> {
                    PolicySpec spec = only(context);
                    assertThat(spec.retention().orElseThrow().dropAfter()).isEqualTo(Duration.ofDays(60));
                    assertThat(spec.chunkInterval()).contains(Duration.ofHours(2));
                    assertThat(spec.compression().orElseThrow().after()).isEqualTo(Duration.ofDays(3));
                });
    }

    @Test
    void everyPartCanBeDeclaredOrTurnedOff() {
        runner.withPropertyValues("ms5.timescale.tables[factory_telemetry.metric_hist].time-column=ts",
                "ms5.timescale.tables[factory_telemetry.metric_hist].chunk-interval=30m",
                "ms5.timescale.tables[factory_telemetry.metric_hist].compress-after=P14D",
                "ms5.timescale.tables[factory_telemetry.metric_hist].segment-by=metric_def_id, value_text",
                "ms5.timescale.tables[factory_telemetry.metric_hist].order-by=ts DESC, value_int",
                "ms5.timescale.tables[factory_telemetry.metric_hist].retention=none",
                "ms5.timescale.tables[factory_telemetry.metric_hist].reorder-index=metric_hist_metric_ts_idx",
                "ms5.timescale.tables[factory_telemetry.metric_hist].schedule.compression=6h",
                "ms5.timescale.tables[factory_telemetry.metric_hist].schedule.reorder=1 day",
                "ms5.timescale.tables[factory_telemetry.metric_hist].migrate-data=true").run(context -> {
                    PolicySpec spec = only(context);
                    assertThat(spec.table().toString()).isEqualTo("factory_telemetry.metric_hist");
                    assertThat(spec.chunkInterval()).contains(Duration.ofMinutes(30));
                    PolicySpec.Compression compression = spec.compression().orElseThrow();
                    assertThat(compression.after()).isEqualTo(Duration.ofDays(14));
                    assertThat(compression.segmentBy()).containsExactly("metric_def_id", "value_text");
                    assertThat(compression.orderBy()).containsExactly(OrderBy.desc("ts"), OrderBy.asc("value_int"));
                    assertThat(compression.schedule()).contains(Duration.ofHours(6));
                    assertThat(spec.retention()).isEmpty();
                    assertThat(spec.reorder()).contains(new PolicySpec.Reorder("metric_hist_metric_ts_idx",
                            Optional.of(Duration.ofDays(1))));
                    assertThat(spec.migrateData()).isTrue();
                });
    }

    @Test
    void anEmptySegmentByDeclaresNoneWhateverTheSetting() {
        runner.withPropertyValues("ms5.timescale.tables.events.time-column=at",
                "ms5.timescale.tables.events.segment-by=", "TIMESCALEDB_COMPRESSION_SEGMENT_BY=device_id")
                .run(context -> assertThat(only(context).compression().orElseThrow().segmentBy()).isEmpty());
    }

    @Test
    void aPolicySpecBeanWinsOverThePropertiesOfItsTable() {
        PolicySpec bean = PolicySpec.builder("metric_hist", "ts").retention(Duration.ofDays(10)).build();
        runner.withBean("metricHistSpec", PolicySpec.class, () -> bean)
                .withPropertyValues("ms5.timescale.tables.metric_hist.time-column=ts",
                        "ms5.timescale.tables.metric_hist.retention=20 days",
                        "ms5.timescale.tables.events.time-column=at")
                .run(context -> {
                    DeclaredTables tables = context.getBean(DeclaredTables.class);
                    assertThat(tables.specs()).hasSize(2).first().isEqualTo(bean);
                    assertThat(tables.declarations().get(0).source()).isEqualTo("PolicySpec bean 'metricHistSpec'");
                    assertThat(tables.specs().get(1).table().name()).isEqualTo("events");
                });
    }

    @Test
    void anInvalidIntervalFailsNamingThePropertyTheValueAndAnExample() {
        runner.withPropertyValues("ms5.timescale.tables.metric_hist.time-column=ts",
                "ms5.timescale.tables.metric_hist.chunk-interval=3 parsecs").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(invalid(context)).hasMessageStartingWith("ms5.timescale.tables.metric_hist"
                                    + ".chunk-interval='3 parsecs' is not valid: '3 parsecs' has an unknown unit"
                                    + " 'parsecs'")
                            .hasMessageContaining("Example: ms5.timescale.tables.metric_hist.chunk-interval=1 hour");
                    FailureAnalysis analysis = new TimescaleFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .contains("Property: ms5.timescale.tables.metric_hist.chunk-interval")
                            .contains("Value: \"3 parsecs\"");
                    assertThat(analysis.getAction())
                            .contains("ms5.timescale.tables.metric_hist.chunk-interval=1 hour");
                });
    }

    @Test
    void aMissingTimeColumnIsNamed() {
        runner.withPropertyValues("ms5.timescale.tables.metric_hist.segment-by=metric_def_id").run(context ->
                assertThat(invalid(context)).hasMessage("ms5.timescale.tables.metric_hist"
                        + ".time-column is not set: every declared table needs its time column. Example:"
                        + " ms5.timescale.tables.metric_hist.time-column=ts"));
    }

    @Test
    void aSegmentByWithoutCompressionNamesThePropertyThatTurnedCompressionOff() {
        runner.withPropertyValues("ms5.timescale.tables.metric_hist.time-column=ts",
                "ms5.timescale.tables.metric_hist.compress-after=none",
                "ms5.timescale.tables.metric_hist.segment-by=metric_def_id").run(context ->
                assertThat(invalid(context)).hasMessage("ms5.timescale.tables.metric_hist"
                        + ".compress-after='none' is not valid: ms5.timescale.tables.metric_hist.segment-by is set,"
                        + " which needs compression. Example: ms5.timescale.tables.metric_hist.compress-after=7 days"
                        + " (set in \"ms5.timescale.tables.metric_hist.compress-after\" from property source"
                        + " \"test\")"));
    }

    @Test
    void aBadSeedSettingIsNamedWithWhereItWasSet() {
        runner.withPropertyValues("TIMESCALEDB_COMPRESSION_AFTER=soon").run(context -> {
            InvalidPropertyException e = invalid(context);
            assertThat(e.property()).isEqualTo("TIMESCALEDB_COMPRESSION_AFTER");
            assertThat(e.value()).contains("soon");
            assertThat(e.example()).isEqualTo("7 days");
            assertThat(e.origin()).hasValueSatisfying(o -> assertThat(o).startsWith("property source"));
        });
    }

    @Test
    void theAdminsOptionsComeFromTheProperties() {
        runner.withPropertyValues("ms5.timescale.lock-timeout=2s", "ms5.timescale.fail-on-error=false",
                "ms5.timescale.statement-timeout=PT10M", "ms5.timescale.resume-paused-jobs=true").run(context ->
                assertThat(context.getBean(AdminOptions.class)).isEqualTo(AdminOptions.defaults()
                        .lockTimeout(Duration.ofSeconds(2)).failOnError(false)
                        .statementTimeout(Duration.ofMinutes(10)).resumePausedJobs(true)));
    }

    @Test
    void aZeroTimeoutIsNamed() {
        runner.withPropertyValues("ms5.timescale.lock-timeout=0s").run(context ->
                assertThat(invalid(context)).hasMessageStartingWith(
                        "ms5.timescale.lock-timeout='PT0S' is not valid: it must be a positive duration"));
    }

    private static PolicySpec only(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        List<PolicySpec> specs = context.getBean(DeclaredTables.class).specs();
        assertThat(specs).hasSize(1);
        return specs.get(0);
    }

    /** The property failure that stopped the context, wherever Spring wrapped it. */
    static InvalidPropertyException invalid(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidPropertyException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidPropertyException in", context.getStartupFailure());
    }
}
