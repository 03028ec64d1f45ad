package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.benchmarks.JmhResults.Result;
import java.util.ArrayList;
import java.util.Comparator;
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
        report.monitoring();
        return List.copyOf(report.rows);
    }

    private void seedTargets() {
        String seed = "SeedTargetsBenchmark.";
        time("seed: single row insert", seed + "singleRowInsert", "~5", 10,
                "p50; one INSERT on a pooled connection");
        time("seed: 1,000 rows", seed + "rows1000", "850", 1000, "p50; the bulk writer, one batch");
        Optional<Result> batches = time("seed: 5,000 rows in batches", seed + "rows5000InBatches", "950", 1000,
                "p50; the bulk writer, 5 batches of 1,000");
        Double perSecond = batches.map(r -> 5000 / (r.p50Millis() / 1000)).orElse(null);
        add("seed: records per second", "rows/s", "1,176", "> 1,000", perSecond,
                null, v -> v > 1000, "5,000 / p50 of the 5,000-row benchmark");
        time("seed: 5 concurrent tasks of 200 rows", seed + "concurrentInserts", "1,800", 2000,
                "p50; a bulk writer per task");
        time("seed: 10 concurrent queries", seed + "concurrentQueries", "850", 1000,
                "p50; the three reference queries in turn, on the rowstore data");
    }

    private void ingest() {
        String in = "IngestBenchmark.";
        Double file = rate(in + "serverCopyFromFile");
        Double perRow = jmh.find(in + "insertPerRow").map(Result::perSecond).orElse(null);
        String fileNote = file != null ? "the server reads the rows from a binary file it wrote: the machine's limit"
                : "baseline unavailable: " + fileAccess();
        add("ingest: server COPY FROM file (baseline)", "rows/s", null, null, file, null, null, fileNote);
        info("ingest: one INSERT per row", perRow, file, "1,176",
                "the seed's way: throughput, one row per operation, auto-commit; ratio to the file baseline");
        info("ingest: JDBC batches", rate(in + "jdbcBatches"), file, null,
                "batches of 10,000, each a transaction; ratio to the file baseline");
        info("ingest: JDBC batches, reWriteBatchedInserts", rate(in + "rewrittenBatches"), file, null,
                "the same batches rewritten by the driver into multi-row INSERTs; ratio to the file baseline");
        info("ingest: bulk writer, INSERT mode", rate(in + "bulkWriterInsert"), file, null,
                "multi-row INSERTs, batches of 10,000; ratio to the file baseline");
        Double copy = rate(in + "bulkWriterCopy");
        ratio("ingest: bulk writer vs server COPY FROM file", copy, file, 0.9,
                file == null ? "baseline unavailable: " + fileAccess() : "binary COPY, batches of 10,000; same rows");
        ratio("ingest: bulk writer vs one INSERT per row", copy, perRow, 80, "binary COPY; same rows");
    }

    private void queries() {
        String q = "ReferenceQueriesBenchmark.";
        query("latest 100 of the last hour", q + "latest100", "45", 5);
        query("filtered 7 days", q + "filtered7d", "85", 5);
        query("hourly aggregation, 24 h", q + "hourly24h", "120", 100);
    }

    private void query(String name, String method, String seed, double limit) {
        Optional<Result> row = jmh.find(method, "storage", "rowstore");
        Optional<Result> col = jmh.find(method, "storage", "columnstore");
        Double before = row.map(Result::p50Millis).orElse(null);
        Double after = col.map(Result::p50Millis).orElse(null);
        String data = row.or(() -> col).map(r -> " on " + r.params().get("dataSet")).orElse("");
        add("query: " + name + ", rowstore", "ms", seed, "< " + fmt(limit), before, null,
                v -> v < limit, before == null ? MISSING : "p50" + data + ", before compression");
        String afterNote = after != null ? "p50" + data + ", all but the last day compressed; baseline: rowstore"
                : apache() ? "not available: the Apache edition has no compression" : MISSING;
        add("query: " + name + ", compressed", "ms", seed, "< " + fmt(limit), after, before,
                v -> v < limit, afterNote);
    }

    @SuppressWarnings("unchecked")
    private void compression() {
        Object raw = facts.get("compression");
        Map<String, Object> c = raw instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Double saved = c.get("saved") instanceof Number n ? n.doubleValue() * 100 : null;
        String note = saved != null ? String.format("%s: %.0f of %.0f chunks compressed, %.1f MB -> %.1f MB",
                c.get("source"), c.get("compressed_chunks"), c.get("total_chunks"),
                num(c.get("before_bytes")) / 1e6, num(c.get("after_bytes")) / 1e6)
                : c.get("unavailable") != null ? "not available: " + c.get("unavailable")
                : "not measured: no compression statistics (run BenchPrepare)";
        add("compression: space saved", "%", "73.2", ">= 90", saved, null, v -> v >= 90, note);
    }

    private void libraryCosts() {
        for (String call : List.of("applyUnchanged", "planUnchanged")) {
            String method = "ApplyPoliciesBenchmark." + call;
            String label = call.equals("applyUnchanged") ? "applyPolicies" : "plan";
            Comparator<Result> bySize = Comparator.comparingInt(r -> Integer.parseInt(r.params().get("tables")));
            Optional<Result> most = jmh.all(method).stream().max(bySize);
            Optional<Result> least = jmh.all(method).stream().min(bySize);
            String tables = most.map(r -> r.params().get("tables")).orElse("100");
            String scale = tables.equals("100") ? "" : " (the target is for 100 tables)";
            Double p50 = most.map(Result::p50Millis).orElse(null);
            String baseline = "baseline: " + least.map(r -> r.params().get("tables")).orElse("1") + " table(s)";
            add(label + " no-op, " + tables + " tables", "ms", null, "< 10", p50,
                    least.map(Result::p50Millis).orElse(null), v -> v < 10,
                    p50 == null ? MISSING : "p50, pooled (HikariCP); " + baseline + scale);
            Double statements = most.flatMap(ReportRows::statementsPerCall).orElse(null);
            add(label + " no-op, " + tables + " tables", "statements", null, "<= 3", statements,
                    least.flatMap(ReportRows::statementsPerCall).orElse(null), v -> v <= 3,
                    statements == null ? MISSING : "per call, counted by CountingDataSource; " + baseline + scale);
        }
    }

    private void monitoring() {
        String m = "MonitoringBenchmark.";
        Optional<Result> baseline = jmh.find(m + "hypertableSizeSum");
        Optional<Result> any = baseline.or(() -> jmh.find(m + "health"));
        long chunks = any.map(r -> Long.parseLong(r.params().get("hypertables"))
                * Long.parseLong(r.params().get("chunksPerTable"))).orElse(10_000L);
        String scale = " with " + fmt(chunks) + " chunks";
        String of = chunks == 10_000 ? "" : " (the target is for 10,000 chunks)";
        Double base = baseline.map(Result::p99Millis).orElse(null);
        add("baseline: hypertable_size() summed" + any.map(r -> ", " + r.params().get("hypertables") + " tables")
                .orElse(""), "ms", null, null, base, null, null, baseline.map(r -> "p99 (p50 " + fmt(r.p50Millis())
                + " ms); TimescaleDB's own hypertable_size() of each hypertable, summed in one statement, pooled;"
                + " the baseline of the statistics rows").orElse(MISSING));
        monitoringCall("health()" + scale, m + "health", 50, null, of);
        String[][] calls = {{"hypertables()", "hypertables"}, {"compression()", "compression"},
            {"chunks(all, 100, 0)", "chunksAll"}, {"chunks(one table, 100, 0)", "chunksOneTable"},
            {"jobs()", "jobs"}, {"extension()", "extension"}, {"database()", "database"}};
        for (String[] call : calls) {
            monitoringCall("stats " + call[0] + scale, m + call[1], 100, base, of);
        }
    }

    private void monitoringCall(String name, String method, double limit, Double baseline, String of) {
        Optional<Result> result = jmh.find(method);
        String ratio = baseline == null ? "" : "; ratio: p99 to the baseline's p99";
        add(name, "ms", null, "< " + fmt(limit), result.map(Result::p99Millis).orElse(null), baseline,
                v -> v < limit, result.map(r -> "p99 (p50 " + fmt(r.p50Millis()) + " ms), pooled (HikariCP)" + ratio
                        + of).orElse(MISSING));
        Double statements = result.flatMap(ReportRows::statementsPerCall).orElse(null);
        add(name, "statements", null, null, statements, null, null,
                statements == null ? MISSING : "per call, counted by CountingDataSource");
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
