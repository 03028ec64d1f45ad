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
