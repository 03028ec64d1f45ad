package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.benchmarks.JmhResults.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * Turns JMH's results and the server's facts into the report's rows, target by target (DESIGN.md and the seed's
 * own table). Ratios are against baselines measured in the same run.
 */
final class ReportRows {

    private static final String MISSING = "not measured: the benchmark failed or was not run (see target/jmh.log)";

    private final JmhResults jmh;
    private final Map<String, Object> facts;
    private final List<ReportRow> rows = new ArrayList<>();

    private ReportRows(JmhResults jmh, Map<String, Object> facts) {
        this.jmh = jmh;
        this.facts = facts;
    }

    /**
     * Builds the rows.
     *
     * @param jmh   the results
     * @param facts what {@link BenchPrepare} wrote (may be empty)
     * @return the rows, in the report's order
     */
    static List<ReportRow> of(JmhResults jmh, Map<String, Object> facts) {
        ReportRows report = new ReportRows(jmh, facts);
        report.seedTargets();
        report.ingest();
        report.queries();
        report.compression();
        report.libraryCosts();
        return List.copyOf(report.rows);
    }

    private void seedTargets() {
        String seed = "SeedTargetsBenchmark.";
        time("seed: single row insert (pooled, one INSERT)", seed + "singleRowInsert", "~5 ms", 10, "p50");
        time("seed: 1,000 rows (bulk writer, one batch)", seed + "rows1000", "0.85 s", 1000, "p50");
        Optional<Result> batches = time("seed: 5,000 rows in batches of 1,000 (bulk writer)",
                seed + "rows5000InBatches", "0.95 s", 1000, "p50");
        Double perSecond = batches.map(r -> 5000 / (r.p50Millis() / 1000)).orElse(null);
        add("seed: records per second (5,000 rows in batches)", "rows/s", "1,176 rows/s", "> 1000", perSecond,
                null, v -> v > 1000, "5,000 / p50 of the 5,000-row benchmark");
        time("seed: 5 concurrent tasks x 200 rows (bulk writer each)", seed + "concurrentInserts", "1.8 s", 2000,
                "p50");
        time("seed: 10 concurrent queries (the 3 reference queries in turn)", seed + "concurrentQueries", "0.85 s",
                1000, "p50");
    }

    private void ingest() {
        String in = "IngestBenchmark.";
        Double file = rate(in + "serverCopyFromFile");
        Double perRow = jmh.find(in + "insertPerRow").map(Result::perSecond).orElse(null);
        String fileNote = file != null ? "the server reads the rows from a binary file it wrote: the machine's limit"
                : "baseline unavailable: " + fileAccess();
        add("ingest: server COPY FROM file (baseline)", "rows/s", null, null, file, null, null, fileNote);
        info("ingest: one INSERT per row (the seed's way)", perRow, file, "1,176 rows/s",
                "throughput, one row per operation, auto-commit");
        info("ingest: JDBC batches of 10,000", rate(in + "jdbcBatches"), file, null, "ratio to the file baseline");
        info("ingest: JDBC batches, reWriteBatchedInserts=true", rate(in + "rewrittenBatches"), file, null,
                "ratio to the file baseline");
        info("ingest: bulk writer, INSERT mode", rate(in + "bulkWriterInsert"), file, null,
                "ratio to the file baseline");
        Double copy = rate(in + "bulkWriterCopy");
        ratio("ingest: bulk writer (COPY) vs server COPY FROM file", copy, file, 0.9,
                file == null ? "baseline unavailable: " + fileAccess() : "same rows, same run");
        ratio("ingest: bulk writer (COPY) vs one INSERT per row", copy, perRow, 80, "same rows, same run");
    }

    private void queries() {
        String q = "ReferenceQueriesBenchmark.";
        query("latest 100 rows of the last hour", q + "latest100", "45 ms", 5);
        query("filtered 7-day query (one metric, value_real > 50, newest 500)", q + "filtered7d", "85 ms", 5);
        query("hourly count/avg/min/max over 24 hours", q + "hourly24h", "120 ms", 100);
    }

    private void query(String name, String method, String seed, double limit) {
        Optional<Result> row = jmh.find(method, "storage", "rowstore");
        Optional<Result> col = jmh.find(method, "storage", "columnstore");
        Double before = row.map(Result::p50Millis).orElse(null);
        Double after = col.map(Result::p50Millis).orElse(null);
        String data = row.or(() -> col).map(r -> " on " + r.params().get("dataSet")).orElse("");
        add("query: " + name + ", before compression", "ms", seed, "< " + fmt(limit), before, null,
                v -> v < limit, before == null ? MISSING : "p50" + data);
        String afterNote = after != null ? "p50" + data + "; ratio to before compression"
                : apache() ? "not available: the Apache edition has no compression" : MISSING;
        add("query: " + name + ", after compression", "ms", seed, "< " + fmt(limit), after, before,
                v -> v < limit, afterNote);
    }

    @SuppressWarnings("unchecked")
    private void compression() {
        Object raw = facts.get("compression");
        Map<String, Object> c = raw instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Double saved = c.get("saved") instanceof Double d ? d * 100 : null;
        String note = saved != null ? String.format("%s: %.0f of %.0f chunks compressed, %.1f MB -> %.1f MB",
                c.get("source"), c.get("compressed_chunks"), c.get("total_chunks"),
                num(c.get("before_bytes")) / 1e6, num(c.get("after_bytes")) / 1e6)
                : c.get("unavailable") != null ? "not available: " + c.get("unavailable")
                : "not measured: no compression statistics (run BenchPrepare)";
        add("compression of metric_hist (space saved)", "%", "73.2 %", ">= 90", saved, null, v -> v >= 90, note);
    }

    private void libraryCosts() {
        for (String call : List.of("applyUnchanged", "planUnchanged")) {
            String method = "ApplyPoliciesBenchmark." + call;
            String label = call.equals("applyUnchanged") ? "applyPolicies" : "plan";
            Optional<Result> hundred = jmh.find(method, "tables", "100");
            Optional<Result> one = jmh.find(method, "tables", "1");
            Double p50 = hundred.map(Result::p50Millis).orElse(null);
            add("library: " + label + ", nothing to change, 100 hypertables, pooled", "ms", null, "< 10", p50,
                    one.map(Result::p50Millis).orElse(null), v -> v < 10,
                    p50 == null ? MISSING : "p50; baseline: 1 hypertable");
            Double statements = hundred.flatMap(ReportRows::statementsPerCall).orElse(null);
            add("library: " + label + ", statements per call, 100 hypertables", "statements", null, "<= 3",
                    statements, one.flatMap(ReportRows::statementsPerCall).orElse(null), v -> v <= 3,
                    statements == null ? MISSING : "counted by CountingDataSource; baseline: 1 hypertable");
        }
    }

    private static Optional<Double> statementsPerCall(Result result) {
        Double statements = result.secondary().get("statements");
        Double calls = result.secondary().get("calls");
        return statements == null || calls == null || calls == 0 ? Optional.empty()
                : Optional.of(statements / calls);
    }

    private Optional<Result> time(String name, String method, String seed, double limit, String how) {
        Optional<Result> result = jmh.find(method);
        add(name, "ms", seed, "< " + fmt(limit), result.map(Result::p50Millis).orElse(null), null,
                v -> v < limit, result.isPresent() ? how : MISSING);
        return result;
    }

    private Double rate(String method) {
        return jmh.find(method).map(r -> Double.parseDouble(r.params().get("rows")) / (r.scoreMillis() / 1000))
                .orElse(null);
    }

    private void info(String name, Double measured, Double baseline, String seed, String note) {
        add(name, "rows/s", seed, null, measured, baseline, null, measured == null ? MISSING : note);
    }

    private void ratio(String name, Double measured, Double baseline, double atLeast, String note) {
        add(name, "rows/s", null, ">= " + fmt(atLeast) + "x baseline", measured, baseline, null,
                measured == null ? MISSING : note);
        ReportRow last = rows.remove(rows.size() - 1);
        Boolean pass = last.ratio() == null ? null : last.ratio() >= atLeast;
        rows.add(new ReportRow(last.name(), last.unit(), last.seed(), last.target(), last.measured(),
                last.baseline(), last.ratio(), pass, last.note()));
    }

    private void add(String name, String unit, String seed, String target, Double measured, Double baseline,
                     DoublePredicate meets, String note) {
        Double ratio = measured != null && baseline != null && baseline != 0 ? measured / baseline : null;
        Boolean pass = measured == null || meets == null ? null : meets.test(measured);
        rows.add(new ReportRow(name, unit, seed, target, measured, baseline, ratio, pass, note));
    }

    @SuppressWarnings("unchecked")
    private String fileAccess() {
        Object settings = facts.get("settings");
        Object access = settings instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("server_file_access") : null;
        return access == null || "yes".equals(access) ? MISSING : access.toString();
    }

    @SuppressWarnings("unchecked")
    private boolean apache() {
        Object settings = facts.get("settings");
        return settings instanceof Map<?, ?> m && "apache".equals(((Map<String, Object>) m).get("timescaledb.license"));
    }

    private static double num(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.format("%,.0f", value) : String.format("%,.2f", value);
    }
}
