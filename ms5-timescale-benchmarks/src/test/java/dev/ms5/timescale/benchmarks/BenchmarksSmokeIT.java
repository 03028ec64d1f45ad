package dev.ms5.timescale.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.jdbc.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, in this JVM, with tiny sizes against the fixture's server, and the report over the
 * results, so that the suites cannot rot. Checks that they run and report, not how fast.
 */
class BenchmarksSmokeIT {

    private static final String TINY = "21m-2d-600s";

    @AfterAll
    static void dropDatabases() throws SQLException {
        for (ReferenceData.Storage storage : ReferenceData.Storage.values()) {
            BenchServer.dropDatabase(ReferenceData.databaseName(DataSet.parse(TINY), storage));
        }
        BenchServer.dropDatabase("ms5_bench_ingest");
        BenchServer.dropDatabase("ms5_bench_seed");
        BenchServer.dropDatabase("ms5_bench_chunks_smoke");
        BenchServer.dropDatabase("ms5_bench_chunks_2x10");
    }

    @Test
    void everySuiteRunsAndTheReportReadsItsResults(@TempDir Path dir) throws Exception {
        boolean apache = ServerFacts.apache(BenchServer.adminUrl());
        Path jmhJson = dir.resolve("jmh-result.json");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("dev\\.ms5\\.timescale\\.benchmarks\\..*Benchmark\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .param("dataSet", TINY)
                .param("rows", "500")
                .param("tables", "1", "3")
                .param("hypertables", "2")
                .param("chunksPerTable", "10")
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(jmhJson.toString());
        if (apache) {
            options.param("storage", "rowstore");
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        // 6 ingest, 5 seed, 3 queries per storage, 2 library calls on 2 sizes, 8 monitoring calls and their baseline
        assertThat(results).hasSize(6 + 5 + 3 * (apache ? 1 : 2) + 2 * 2 + 9);
        Path facts = dir.resolve("bench-server.json");
        BenchPrepare.main(new String[] {TINY, facts.toString()});
        Path report = dir.resolve("bench-report.json");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            BenchReport.main(new String[] {jmhJson.toString(), facts.toString(), report.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("jit=", "work_mem=", "shared_buffers=",
                "timescaledb_version=", "targets: ");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) Json.parse(Files.readString(report));
        assertThat(rows).allSatisfy(row -> assertThat(row).containsKeys("name", "unit", "measured", "target",
                "baseline", "ratio", "pass", "note"));
        assertThat(rows).filteredOn(row -> row.get("measured") == null)
                .extracting(row -> (String) row.get("name"))
                .allSatisfy(name -> assertThat(apache && (name.contains("after compression")
                        || name.startsWith("compression"))).as(name).isTrue());
    }

    @Test
    void theChunkDataSetHasTheChunksAskedForTheOlderHalfCompressed() throws SQLException {
        String url = BenchServer.database("ms5_bench_chunks_smoke");
        ChunkedHypertables.create(url, 2, 5);
        ChunkedHypertables.create(url, 2, 5);
        long compressed = ServerFacts.apache(url) ? 0 : 2;
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT hypertable_name, count(*),"
                     + " count(*) FILTER (WHERE is_compressed),"
                     + " bool_and(NOT is_compressed OR range_end <= (SELECT min(range_start) + interval '2 hours'"
                     + "     FROM timescaledb_information.chunks)) FROM"
                     + " timescaledb_information.chunks WHERE hypertable_schema = 'ms5_chunks'"
                     + " GROUP BY hypertable_name ORDER BY hypertable_name")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("hist_00");
            assertThat(rs.getLong(2)).isEqualTo(5);
            assertThat(rs.getLong(3)).isEqualTo(compressed);
            assertThat(rs.getBoolean(4)).as("only the oldest chunks are compressed").isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(2)).isEqualTo(5);
            assertThat(rs.getLong(3)).isEqualTo(compressed);
            assertThat(rs.next()).isFalse();
        }
    }
}
