package dev.ms5.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimescaleSettingsTest {

    private static final String INTERVALS = "accepted: PostgreSQL interval text such as '7 days' or '1 hour', or"
            + " ISO-8601 such as P7D or PT1H";

    private static PolicySpec spec(Map<String, String> settings, String table, String... defaultSegmentBy) {
        return TimescaleSettings.fromMap(settings).spec(table, "ts", defaultSegmentBy).build();
    }

    private static Duration retention(PolicySpec spec) {
        return spec.retention().orElseThrow().dropAfter();
    }

    private static Duration compressAfter(PolicySpec spec) {
        return spec.compression().orElseThrow().after();
    }

    @Test
    void theSeedsNineSettingsHaveTheirDefaults() {
        TimescaleSettings settings = TimescaleSettings.fromMap(Map.of());

        assertThat(settings.valueFor("COMPRESSION_ENABLED", "energy_consumption")).contains("true");
        assertThat(settings.valueFor("COMPRESSION_AFTER", "energy_consumption")).contains("7 days");
        assertThat(settings.valueFor("RETENTION_POLICY", "energy_consumption")).contains("90 days");
        assertThat(settings.valueFor("CHUNK_TIME_INTERVAL", "energy_consumption")).contains("1 day");
        assertThat(settings.valueFor("CHUNK_TIME_INTERVAL", "metric_hist")).contains("1 hour");
        assertThat(settings.valueFor("RETENTION_POLICY", "metric_hist")).contains("90 days");
        assertThat(settings.valueFor("CHUNK_TIME_INTERVAL", "oee_calculations")).contains("1 day");
        assertThat(settings.valueFor("RETENTION_POLICY", "oee_calculations")).contains("365 days");
        assertThat(settings.valueFor("COMPRESSION_SEGMENT_BY", "metric_hist")).isEmpty();
        assertThat(settings.maxBackgroundWorkers()).isEqualTo(8);
    }

    @Test
    void defaultSpecForAnyTable() {
        PolicySpec spec = spec(Map.of(), "energy_consumption", "equipment_code");

        assertThat(spec.chunkInterval()).contains(Duration.ofDays(1));
        assertThat(compressAfter(spec)).isEqualTo(Duration.ofDays(7));
        assertThat(spec.compression().orElseThrow().segmentBy()).containsExactly("equipment_code");
        assertThat(spec.compression().orElseThrow().orderBy()).isEmpty();
        assertThat(retention(spec)).isEqualTo(Duration.ofDays(90));
        assertThat(spec.createHypertable()).isTrue();
    }

    @Test
    void defaultSpecForMetricHist() {
        PolicySpec spec = spec(Map.of(), "metric_hist", "metric_def_id");

        assertThat(spec.chunkInterval()).contains(Duration.ofHours(1));
        assertThat(compressAfter(spec)).isEqualTo(Duration.ofDays(7));
        assertThat(spec.compression().orElseThrow().segmentBy()).containsExactly("metric_def_id");
        assertThat(retention(spec)).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void oeeMeansOeeCalculations() {
        for (String table : new String[] {"oee_calculations", "public.oee_calculations", "OEE_Calculations"}) {
            PolicySpec spec = spec(Map.of(), table);

            assertThat(spec.chunkInterval()).as(table).contains(Duration.ofDays(1));
            assertThat(retention(spec)).as(table).isEqualTo(Duration.ofDays(365));
        }
    }

    @Test
    void anyTableCanBeOverriddenByItsUpperCaseName() {
        Map<String, String> settings = Map.of(
                "TIMESCALEDB_RETENTION_POLICY_ENERGY_CONSUMPTION", "30 days",
                "TIMESCALEDB_CHUNK_TIME_INTERVAL_ENERGY_CONSUMPTION", "12 hours",
                "TIMESCALEDB_COMPRESSION_AFTER_ENERGY_CONSUMPTION", "2 days");

        PolicySpec energy = spec(settings, "energy_consumption");
        PolicySpec kpis = spec(settings, "production_kpis");

        assertThat(retention(energy)).isEqualTo(Duration.ofDays(30));
        assertThat(energy.chunkInterval()).contains(Duration.ofHours(12));
        assertThat(compressAfter(energy)).isEqualTo(Duration.ofDays(2));
        assertThat(retention(kpis)).isEqualTo(Duration.ofDays(90));
        assertThat(kpis.chunkInterval()).contains(Duration.ofDays(1));
        assertThat(compressAfter(kpis)).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theSeedsPerTableKeysOverrideTheirTables() {
        Map<String, String> settings = Map.of(
                "TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST", "30 minutes",
                "TIMESCALEDB_RETENTION_POLICY_METRIC_HIST", "14 days",
                "TIMESCALEDB_CHUNK_TIME_INTERVAL_OEE", "7 days",
                "TIMESCALEDB_RETENTION_POLICY_OEE", "730 days");

        assertThat(spec(settings, "metric_hist").chunkInterval()).contains(Duration.ofMinutes(30));
        assertThat(retention(spec(settings, "metric_hist"))).isEqualTo(Duration.ofDays(14));
        assertThat(spec(settings, "oee_calculations").chunkInterval()).contains(Duration.ofDays(7));
        assertThat(retention(spec(settings, "oee_calculations"))).isEqualTo(Duration.ofDays(730));
    }

    @Test
    void aQuotedTableNameMapsToUpperCaseWithUnderscores() {
        PolicySpec spec = spec(Map.of("TIMESCALEDB_RETENTION_POLICY_LINE_2_KPIS", "10 days"), "\"Line-2 KPIs\"");

        assertThat(retention(spec)).isEqualTo(Duration.ofDays(10));
    }

    @Test
    void acceptsIsoValues() {
        PolicySpec spec = spec(Map.of(
                "TIMESCALEDB_RETENTION_POLICY_ENERGY_CONSUMPTION", "P30D",
                "TIMESCALEDB_CHUNK_TIME_INTERVAL", "PT6H",
                "TIMESCALEDB_COMPRESSION_AFTER", "P1W"), "energy_consumption");

        assertThat(retention(spec)).isEqualTo(Duration.ofDays(30));
        assertThat(spec.chunkInterval()).contains(Duration.ofHours(6));
        assertThat(compressAfter(spec)).isEqualTo(Duration.ofDays(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "off", "false"})
    void noneDisablesRetention(String none) {
        Map<String, String> settings = Map.of("TIMESCALEDB_RETENTION_POLICY_METRIC_HIST", none,
                "TIMESCALEDB_RETENTION_POLICY_ENERGY_CONSUMPTION", none);

        assertThat(spec(settings, "metric_hist").retention()).isEmpty();
        assertThat(spec(settings, "energy_consumption").retention()).isEmpty();
        assertThat(retention(spec(settings, "production_kpis"))).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void disabledCompressionDeclaresNoCompression() {
        Map<String, String> settings = Map.of("TIMESCALEDB_COMPRESSION_ENABLED", "false");

        assertThat(spec(settings, "energy_consumption", "equipment_code").compression()).isEmpty();
        assertThat(spec(settings, "metric_hist", "metric_def_id").compression()).isEmpty();
        assertThat(retention(spec(settings, "metric_hist"))).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void compressionCanBeDisabledForOneTable() {
        Map<String, String> settings = Map.of("TIMESCALEDB_COMPRESSION_ENABLED_METRIC_HIST", "no");

        assertThat(spec(settings, "metric_hist").compression()).isEmpty();
        assertThat(spec(settings, "energy_consumption").compression()).isPresent();
    }

    @Test
    void compressionCanBeEnabledForOneTableOnly() {
        Map<String, String> settings = Map.of("TIMESCALEDB_COMPRESSION_ENABLED", "off",
                "TIMESCALEDB_COMPRESSION_ENABLED_METRIC_HIST", "ON");

        assertThat(spec(settings, "metric_hist").compression()).isPresent();
        assertThat(spec(settings, "energy_consumption").compression()).isEmpty();
    }

    @Test
    void segmentBySettingsReplaceTheHostsDefault() {
        Map<String, String> settings = Map.of(
                "TIMESCALEDB_COMPRESSION_SEGMENT_BY", "line_id, \"MachineId\"",
                "TIMESCALEDB_COMPRESSION_SEGMENT_BY_METRIC_HIST", "metric_def_id");

        assertThat(spec(settings, "production_kpis", "kpi_id").compression().orElseThrow().segmentBy())
                .containsExactly("line_id", "MachineId");
        assertThat(spec(settings, "metric_hist", "other").compression().orElseThrow().segmentBy())
                .containsExactly("metric_def_id");
    }

    @Test
    void aQuotedSegmentByColumnMayHoldACommaAndAnEmptySettingMeansNone() {
        Map<String, String> settings = Map.of(
                "TIMESCALEDB_COMPRESSION_SEGMENT_BY", "\"a,b\",c",
                "TIMESCALEDB_COMPRESSION_SEGMENT_BY_METRIC_HIST", "");

        assertThat(spec(settings, "energy_consumption").compression().orElseThrow().segmentBy())
                .containsExactly("a,b", "c");
        assertThat(spec(settings, "metric_hist", "metric_def_id").compression().orElseThrow().segmentBy())
                .isEmpty();
    }

    @Test
    void orderBySettingsGlobalAndPerTable() {
        Map<String, String> settings = Map.of(
                "TIMESCALEDB_COMPRESSION_ORDER_BY", "ts DESC, value ASC NULLS FIRST",
                "TIMESCALEDB_COMPRESSION_ORDER_BY_METRIC_HIST", "\"Ts\" DESC NULLS LAST");

        assertThat(spec(settings, "energy_consumption").compression().orElseThrow().orderBy())
                .containsExactly(OrderBy.desc("ts"), new OrderBy("value", false, true));
        assertThat(spec(settings, "metric_hist").compression().orElseThrow().orderBy())
                .containsExactly(new OrderBy("Ts", true, false));
    }

    @Test
    void perTableWinsOverAliasWhichWinsOverGlobal() {
        Map<String, String> settings = new HashMap<>(Map.of(
                "TIMESCALEDB_RETENTION_POLICY_OEE_CALCULATIONS", "400 days",
                "TIMESCALEDB_RETENTION_POLICY_OEE", "200 days",
                "TIMESCALEDB_RETENTION_POLICY", "30 days"));

        assertThat(retention(spec(settings, "oee_calculations"))).isEqualTo(Duration.ofDays(400));
        settings.remove("TIMESCALEDB_RETENTION_POLICY_OEE_CALCULATIONS");
        assertThat(retention(spec(settings, "oee_calculations"))).isEqualTo(Duration.ofDays(200));
    }

    @Test
    void aSetPerTableValueWinsOverTheSeedsPerTableDefault() {
        PolicySpec spec = spec(Map.of("TIMESCALEDB_RETENTION_POLICY_OEE_CALCULATIONS", "400 days",
                "TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST", "2 hours"), "oee_calculations");

        assertThat(retention(spec)).isEqualTo(Duration.ofDays(400));
        assertThat(spec(Map.of("TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST", "2 hours"), "metric_hist")
                .chunkInterval()).contains(Duration.ofHours(2));
    }

    @Test
    void aSetGlobalValueWinsOverTheDefault() {
        Map<String, String> settings = Map.of("TIMESCALEDB_RETENTION_POLICY", "30 days",
                "TIMESCALEDB_COMPRESSION_AFTER", "1 day", "TIMESCALEDB_CHUNK_TIME_INTERVAL", "2 days");

        PolicySpec spec = spec(settings, "energy_consumption");

        assertThat(retention(spec)).isEqualTo(Duration.ofDays(30));
        assertThat(compressAfter(spec)).isEqualTo(Duration.ofDays(1));
        assertThat(spec.chunkInterval()).contains(Duration.ofDays(2));
    }

    @Test
    void readsMaxBackgroundWorkers() {
        assertThat(TimescaleSettings.fromMap(Map.of("TIMESCALEDB_MAX_BACKGROUND_WORKERS", " 16 "))
                .maxBackgroundWorkers()).isEqualTo(16);
    }

    @Test
    void ignoresUnrelatedKeys() {
        Map<String, String> settings = Map.of(
                "PATH", "/usr/bin",
                "TIMESCALEDB_TELEMETRY_LEVEL", "off",
                "TIMESCALEDB_COMPRESSION_AFTERWARDS", "garbage",
                "TIMESCALEDB_MAX_BACKGROUND_WORKERS_METRIC_HIST", "garbage",
                "timescaledb_compression_after", "garbage");

        PolicySpec spec = spec(settings, "energy_consumption");

        assertThat(spec).isEqualTo(spec(Map.of(), "energy_consumption"));
        assertThat(TimescaleSettings.fromMap(settings).maxBackgroundWorkers()).isEqualTo(8);
    }

    @Test
    void rejectsABadIntervalAtLoad() {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_COMPRESSION_AFTER", "7 dayz")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TIMESCALEDB_COMPRESSION_AFTER='7 dayz' is not valid: '7 dayz' has an unknown unit"
                        + " 'dayz'; " + INTERVALS + ". Example: TIMESCALEDB_COMPRESSION_AFTER=7 days");
    }

    @Test
    void rejectsMonthsInAPerTableRetention() {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_RETENTION_POLICY_OEE", "1 month")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TIMESCALEDB_RETENTION_POLICY_OEE='1 month' is not valid: '1 month' uses months or"
                        + " years, which have no fixed length; give days instead, e.g. '30 days' or P30D. Example:"
                        + " TIMESCALEDB_RETENTION_POLICY_OEE=90 days");
    }

    @Test
    void rejectsAZeroChunkInterval() {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST",
                "0 hours")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST='0 hours' is not valid: '0 hours' is not a"
                        + " positive interval; " + INTERVALS + ". Example: TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST=1 day");
    }

    @Test
    void rejectsAnEmptyInterval() {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_RETENTION_POLICY", " ")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TIMESCALEDB_RETENTION_POLICY='' is not valid: an interval is empty; " + INTERVALS
                        + ". Example: TIMESCALEDB_RETENTION_POLICY=90 days");
    }

    @Test
    void rejectsABadBoolean() {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_COMPRESSION_ENABLED", "maybe")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TIMESCALEDB_COMPRESSION_ENABLED='maybe' is not valid: it is not true or false. Example:"
                        + " TIMESCALEDB_COMPRESSION_ENABLED=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1025"})
    void rejectsWorkersOutOfRange(String workers) {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_MAX_BACKGROUND_WORKERS", workers)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TIMESCALEDB_MAX_BACKGROUND_WORKERS='" + workers + "' is not valid: it must be between 1"
                        + " and 1024. Example: TIMESCALEDB_MAX_BACKGROUND_WORKERS=8");
    }

    @Test
    void rejectsWorkersThatAreNotANumber() {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_MAX_BACKGROUND_WORKERS", "eight")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("TIMESCALEDB_MAX_BACKGROUND_WORKERS='eight' is not valid: ")
                .hasMessageEndingWith(". Example: TIMESCALEDB_MAX_BACKGROUND_WORKERS=8");
    }

    @Test
    void rejectsASegmentByWithAnInvalidName() {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_COMPRESSION_SEGMENT_BY_METRIC_HIST",
                "metric_def_id, x\"; DROP TABLE y;--")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TIMESCALEDB_COMPRESSION_SEGMENT_BY_METRIC_HIST='metric_def_id, x\"; DROP TABLE y;--' is"
                        + " not valid: segment-by column 'x\"; DROP TABLE y;--' is not a valid name: '\"' at position 2"
                        + " is not allowed in an unquoted name; write such a name in double quotes. Accepted:"
                        + " metric_def_id, \"LineId\". Example: TIMESCALEDB_COMPRESSION_SEGMENT_BY_METRIC_HIST="
                        + "metric_def_id");
    }

    @Test
    void rejectsASegmentByNamingAColumnTwiceAtLoad() {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_COMPRESSION_SEGMENT_BY",
                "line_id, LINE_ID")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("TIMESCALEDB_COMPRESSION_SEGMENT_BY='line_id, LINE_ID' is not valid: ")
                .hasMessageContaining("names a column twice");
    }

    @Test
    void rejectsABadOrderBy() {
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_COMPRESSION_ORDER_BY",
                "ts sideways")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TIMESCALEDB_COMPRESSION_ORDER_BY='ts sideways' is not valid: order-by 'ts sideways' is not"
                        + " 'column [ASC|DESC] [NULLS FIRST|LAST]'; accepted: ts DESC, value ASC, \"Ts\" DESC NULLS"
                        + " LAST. Example: TIMESCALEDB_COMPRESSION_ORDER_BY=ts DESC");
        assertThatThrownBy(() -> TimescaleSettings.fromMap(Map.of("TIMESCALEDB_COMPRESSION_ORDER_BY_OEE", " , ")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TIMESCALEDB_COMPRESSION_ORDER_BY_OEE=',' is not valid: it names no column. Example:"
                        + " TIMESCALEDB_COMPRESSION_ORDER_BY_OEE=ts DESC");
    }

    @Test
    void readsSystemPropertiesByTheSameNames() {
        String key = "TIMESCALEDB_RETENTION_POLICY_SYSPROP_TEST_TABLE";
        System.setProperty(key, "P3D");
        try {
            PolicySpec spec = TimescaleSettings.fromSystemProperties().spec("sysprop_test_table", "ts").build();

            assertThat(retention(spec)).isEqualTo(Duration.ofDays(3));
        } finally {
            System.clearProperty(key);
        }
    }
}
