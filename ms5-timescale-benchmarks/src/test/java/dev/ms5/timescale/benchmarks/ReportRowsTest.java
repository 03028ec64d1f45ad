package dev.ms5.timescale.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportRowsTest {

    private static String result(String method, String mode, String params, double score, String unit,
                                 double p50, String secondary) {
        return """
                {"benchmark": "dev.ms5.timescale.benchmarks.%s", "mode": "%s", "params": {%s},
                 "primaryMetric": {"score": %s, "scoreUnit": "%s", "scorePercentiles": {"50.0": %s}},
                 "secondaryMetrics": {%s}}""".formatted(method, mode, params, score, unit, p50, secondary);
    }

    private static JmhResults results(String... entries) {
        return JmhResults.parse("[" + String.join(",", entries) + "]");
    }

    private static ReportRow row(List<ReportRow> rows, String name, String unit) {
        return rows.stream().filter(r -> r.name().equals(name) && r.unit().equals(unit)).findFirst().orElseThrow();
    }

    @Test
    void ingestRatiosAreAgainstTheSameRunsBaselines() {
        JmhResults jmh = results(
                result("IngestBenchmark.serverCopyFromFile", "ss", "\"rows\": \"200000\"", 500, "ms/op", 500, ""),
                result("IngestBenchmark.bulkWriterCopy", "ss", "\"rows\": \"200000\"", 0.5, "s/op", 0.5, ""),
                result("IngestBenchmark.insertPerRow", "thrpt", "\"rows\": \"200000\"", 4000, "ops/s", 4000, ""));

        List<ReportRow> rows = ReportRows.of(jmh, Map.of());

        ReportRow vsFile = row(rows, "ingest: bulk writer vs server COPY FROM file", "rows/s");
        assertThat(vsFile.measured()).isCloseTo(400_000, within(1e-6));
        assertThat(vsFile.baseline()).isCloseTo(400_000, within(1e-6));
        assertThat(vsFile.ratio()).isCloseTo(1.0, within(1e-9));
        assertThat(vsFile.pass()).isTrue();
        ReportRow vsRow = row(rows, "ingest: bulk writer vs one INSERT per row", "rows/s");
        assertThat(vsRow.ratio()).isCloseTo(100.0, within(1e-9));
        assertThat(vsRow.pass()).isTrue();
    }

    @Test
    void aMissingBaselineIsReportedWithTheServersReason() {
        JmhResults jmh = results(
                result("IngestBenchmark.bulkWriterCopy", "ss", "\"rows\": \"1000\"", 10, "ms/op", 10, ""));
        Map<String, Object> facts = Map.of("settings", Map.of("server_file_access", "no: role bench is neither"));

        ReportRow vsFile = row(ReportRows.of(jmh, facts), "ingest: bulk writer vs server COPY FROM file", "rows/s");

        assertThat(vsFile.pass()).isNull();
        assertThat(vsFile.verdict()).isEqualTo("n/a");
        assertThat(vsFile.note()).isEqualTo("baseline unavailable: no: role bench is neither");
    }

    @Test
    void queriesUseTheMedianAndCompareCompressedWithRowstore() {
        JmhResults jmh = results(
                result("ReferenceQueriesBenchmark.hourly24h", "sample", "\"storage\": \"rowstore\"", 90, "ms/op", 80,
                        ""),
                result("ReferenceQueriesBenchmark.hourly24h", "sample", "\"storage\": \"columnstore\"", 150,
                        "ms/op", 120, ""));

        List<ReportRow> rows = ReportRows.of(jmh, Map.of());

        assertThat(row(rows, "query: hourly aggregation, 24 h, rowstore", "ms").pass()).isTrue();
        ReportRow compressed = row(rows, "query: hourly aggregation, 24 h, compressed", "ms");
        assertThat(compressed.measured()).isEqualTo(120.0);
        assertThat(compressed.ratio()).isCloseTo(1.5, within(1e-9));
        assertThat(compressed.verdict()).isEqualTo("FAIL");
    }

    @Test
    void statementsPerCallComeFromTheCounters() {
        JmhResults jmh = results(
                result("ApplyPoliciesBenchmark.applyUnchanged", "sample", "\"tables\": \"100\"", 9, "ms/op", 8,
                        "\"statements\": {\"score\": 30.0}, \"calls\": {\"score\": 10.0}"),
                result("ApplyPoliciesBenchmark.applyUnchanged", "sample", "\"tables\": \"1\"", 5, "ms/op", 4,
                        "\"statements\": {\"score\": 40.0}, \"calls\": {\"score\": 10.0}"));

        List<ReportRow> rows = ReportRows.of(jmh, Map.of());

        ReportRow time = row(rows, "applyPolicies no-op, 100 tables", "ms");
        assertThat(time.measured()).isEqualTo(8.0);
        assertThat(time.baseline()).isEqualTo(4.0);
        assertThat(time.pass()).isTrue();
        ReportRow statements = row(rows, "applyPolicies no-op, 100 tables", "statements");
        assertThat(statements.measured()).isEqualTo(3.0);
        assertThat(statements.baseline()).isEqualTo(4.0);
        assertThat(statements.pass()).isTrue();
    }

    @Test
    void monitoringCallsAreJudgedByTheirP99AgainstTheSummedHypertableSizes() {
        String params = "\"hypertables\": \"20\", \"chunksPerTable\": \"500\"";
        String percentiles = "{\"50.0\": %s, \"99.0\": %s}";
        JmhResults jmh = results(
                result("MonitoringBenchmark.hypertableSizeSum", "sample", params, 150, "ms/op", 140,
                        "\"statements\": {\"score\": 10.0}, \"calls\": {\"score\": 10.0}")
                        .replace("{\"50.0\": 140.0}", percentiles.formatted(140.0, 200.0)),
                result("MonitoringBenchmark.health", "sample", params, 40, "ms/op", 30,
                        "\"statements\": {\"score\": 50.0}, \"calls\": {\"score\": 10.0}")
                        .replace("{\"50.0\": 30.0}", percentiles.formatted(30.0, 60.0)),
                result("MonitoringBenchmark.jobs", "sample", params, 5, "ms/op", 4,
                        "\"statements\": {\"score\": 10.0}, \"calls\": {\"score\": 10.0}")
                        .replace("{\"50.0\": 4.0}", percentiles.formatted(4.0, 20.0)));

        List<ReportRow> rows = ReportRows.of(jmh, Map.of());

        ReportRow health = row(rows, "health() with 10,000 chunks", "ms");
        assertThat(health.measured()).isEqualTo(60.0);
        assertThat(health.baseline()).isNull();
        assertThat(health.verdict()).isEqualTo("FAIL");
        assertThat(health.note()).startsWith("p99 (p50 30 ms)");
        assertThat(row(rows, "health() with 10,000 chunks", "statements").measured()).isEqualTo(5.0);
        assertThat(row(rows, "health() with 10,000 chunks", "statements").verdict()).isEqualTo("info");
        ReportRow jobs = row(rows, "stats jobs() with 10,000 chunks", "ms");
        assertThat(jobs.measured()).isEqualTo(20.0);
        assertThat(jobs.baseline()).isEqualTo(200.0);
        assertThat(jobs.ratio()).isCloseTo(0.1, within(1e-9));
        assertThat(jobs.verdict()).isEqualTo("PASS");
        assertThat(row(rows, "stats compression() with 10,000 chunks", "ms").verdict()).isEqualTo("n/a");
        assertThat(row(rows, "baseline: hypertable_size() summed, 20 tables", "ms").measured()).isEqualTo(200.0);
    }

    @Test
    void compressionIsNotAvailableOnTheApacheEdition() {
        Map<String, Object> facts = Map.of("compression", Map.of("unavailable", "the server runs the Apache edition"));

        ReportRow row = row(ReportRows.of(results(), facts), "compression: space saved", "%");

        assertThat(row.measured()).isNull();
        assertThat(row.verdict()).isEqualTo("n/a");
        assertThat(row.note()).isEqualTo("not available: the server runs the Apache edition");
    }

    @Test
    void everyRowHasTheReportsJsonFields() {
        for (ReportRow row : ReportRows.of(results(), Map.of())) {
            assertThat(row.toJson()).containsKeys("name", "unit", "measured", "target", "baseline", "ratio", "pass",
                    "note");
        }
    }
}
