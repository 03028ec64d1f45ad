package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.jdbc.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run by {@code scripts/bench.sh} before JMH: loads the reference data where it is missing (progress on stderr),
 * so that no benchmark fork loads it inside its set-up, and writes what shapes the figures to a JSON file for the
 * report: the server's settings and versions, the data set, and compression from TimescaleDB's statistics.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ms5.timescale.benchmarks.BenchPrepare <data set> <out.json>}.
 * Prints {@code edition=apache} or {@code edition=timescale} on stdout.
 */
public final class BenchPrepare {

    private BenchPrepare() {
    }

    /**
     * Prepares the data and writes the facts.
     *
     * @param args the data set (e.g. {@code 100m-7d-10s}) and the output file
     * @throws SQLException when the server refuses
     * @throws IOException  when the file cannot be written
     */
    public static void main(String[] args) throws SQLException, IOException {
        if (args.length != 2) {
            System.err.println("usage: BenchPrepare <data set, e.g. " + DataSet.REFERENCE + "> <out.json>");
            System.exit(2);
        }
        DataSet dataSet = DataSet.parse(args[0]);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("prepared_at", Instant.now().toString());
        ReferenceData.Loaded rowstore = ReferenceData.ensure(dataSet, ReferenceData.Storage.ROWSTORE);
        boolean apache = ServerFacts.apache(rowstore.url());
        facts.put("data_set", dataSet.toString());
        facts.put("rows", rowstore.rows());
        facts.put("data_end", rowstore.end().toString());
        facts.put("jit_switch", BenchServer.jitOff() ? "off (-Dms5.bench.jit=off)" : "server default");
        facts.put("settings", ServerFacts.settings(rowstore.url()));
        if (apache) {
            facts.put("compression", Map.of("unavailable", "the server runs the Apache edition"
                    + " (timescaledb.license=apache), which has no compression"));
        } else {
            ReferenceData.Loaded columnstore = ReferenceData.ensure(dataSet, ReferenceData.Storage.COLUMNSTORE);
            facts.put("compression", ServerFacts.compression(columnstore.url()));
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.write(facts) + "\n");
        System.out.println("edition=" + (apache ? "apache" : "timescale"));
    }
}
