package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.jdbc.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report of a benchmark run: reads JMH's JSON and the facts {@link BenchPrepare} wrote, prints a table (each
 * target, the seed's figure, the measured figure, the in-run baseline and ratio, PASS or FAIL) and writes the same
 * rows as a JSON list of objects ({@code name}, {@code unit}, {@code measured}, {@code target}, {@code baseline},
 * {@code ratio}, {@code pass}, {@code note}, and {@code seed}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ms5.timescale.benchmarks.BenchReport <jmh.json> <facts.json>
 * <report.json>}. Exits 0 whatever the verdicts: a missed target is a finding, not a failed run.
 */
public final class BenchReport {

    private BenchReport() {
    }

    /**
     * Writes the report.
     *
     * @param args JMH's JSON, the facts' JSON (may be missing), the report's JSON to write
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BenchReport <jmh-result.json> <bench-server.json> <bench-report.json>");
            System.exit(2);
        }
        JmhResults jmh = JmhResults.parse(Files.readString(Path.of(args[0])));
        Map<String, Object> facts = readFacts(Path.of(args[1]));
        List<ReportRow> rows = ReportRows.of(jmh, facts);
        print(rows, facts, System.out);
        List<Object> json = new ArrayList<>();
        rows.forEach(r -> json.add(r.toJson()));
        Files.writeString(Path.of(args[2]), Json.write(json) + "\n");
        System.out.println("\nreport: " + args[2] + "  JMH results: " + args[0] + "  server facts: " + args[1]);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readFacts(Path path) throws IOException {
        return Files.exists(path) ? (Map<String, Object>) Json.parse(Files.readString(path)) : Map.of();
    }

    /**
     * Prints the settings that shape the figures, the table and the notes.
     *
     * @param rows  the rows
     * @param facts the server's facts
     * @param out   where to print
     */
    @SuppressWarnings("unchecked")
    static void print(List<ReportRow> rows, Map<String, Object> facts, PrintStream out) {
        Object settings = facts.get("settings");
        if (settings instanceof Map<?, ?> map) {
            out.println("Server (as a benchmark session sees it):");
            StringBuilder line = new StringBuilder();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                String item = e.getKey() + "=" + e.getValue();
                if (line.length() + item.length() > 110) {
                    out.println("  " + line.toString().trim());
                    line.setLength(0);
                }
                line.append(item).append("  ");
            }
            out.println("  " + line.toString().trim());
            out.println("  data set " + facts.get("data_set") + " (" + figure(facts.get("rows") instanceof Number n ? n.doubleValue() : null)
                    + " rows), jit switch: " + facts.get("jit_switch"));
        }
        out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average (1/5/15 min)"
                + " at the end: " + loadAverage());
        out.println();
        String format = "%-3s %-52s %-10s %7s %17s %11s %11s %8s  %s%n";
        out.printf(format, "#", "target", "unit", "seed", "target", "measured", "baseline", "ratio", "result");
        int n = 0;
        for (ReportRow row : rows) {
            n++;
            out.printf(format, n, row.name(), row.unit(), row.seed() == null ? "" : row.seed(),
                    row.target() == null ? "" : row.target(), figure(row.measured()), figure(row.baseline()),
                    row.ratio() == null ? "" : String.format("%.2fx", row.ratio()), row.verdict());
        }
        out.println();
        n = 0;
        for (ReportRow row : rows) {
            n++;
            if (row.note() != null) {
                out.printf("%3d. %s%n", n, row.note());
            }
        }
        long passed = rows.stream().filter(r -> Boolean.TRUE.equals(r.pass())).count();
        long failed = rows.stream().filter(r -> Boolean.FALSE.equals(r.pass())).count();
        long unavailable = rows.stream().filter(r -> r.pass() == null && r.target() != null).count();
        out.printf("%ntargets: %d passed, %d failed, %d not available%n", passed, failed, unavailable);
    }

    private static String figure(Double value) {
        if (value == null) {
            return "-";
        }
        return Math.abs(value) >= 100 ? String.format("%,.0f", value) : String.format("%.3g", value);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
