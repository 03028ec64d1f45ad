package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.SharedTimescale;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code applyPolicies} when nothing changed, on 1 and on 100 hypertables (target: under 500 ms for 100). The
 * state of all tables is read in a constant number of queries, so the ratio of the two stays small; a
 * per-table round trip would make it grow with the number of tables.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ApplyPoliciesBenchmark {

    @Param({"1", "100"})
    int tables;

    private TimescaleDatabase database;
    private TimescaleAdmin admin;
    private List<PolicySpec> specs;

    /**
     * Creates the tables and applies their policies once, so that the measured calls find nothing to do.
     *
     * @throws SQLException when the tables cannot be created
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = SharedTimescale.server().createDatabase("bench_apply_" + tables);
        specs = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (int i = 0; i < tables; i++) {
                String name = String.format("readings_%03d", i);
                statement.execute("CREATE TABLE " + name + " (ts timestamptz NOT NULL, device int, value float8)");
                PolicySpec.Builder spec = PolicySpec.builder(name, "ts").chunkInterval(Duration.ofDays(1))
                        .retention(Duration.ofDays(90));
                if (database.edition() == TimescaleEdition.TIMESCALE) {
                    spec.compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device"));
                }
                specs.add(spec.build());
            }
        }
        admin = TimescaleAdmin.create(database.dataSource());
        admin.applyPolicies(specs);
    }

    /**
     * Applies unchanged specs.
     *
     * @return the report, with nothing applied
     */
    @Benchmark
    public ApplyReport applyUnchanged() {
        ApplyReport report = admin.applyPolicies(specs);
        if (!report.changed().isEmpty()) {
            throw new IllegalStateException("expected no change, got " + report.changed());
        }
        return report;
    }

    /** Drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }
}
