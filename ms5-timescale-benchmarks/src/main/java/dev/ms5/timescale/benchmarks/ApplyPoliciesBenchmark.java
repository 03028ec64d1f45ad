package dev.ms5.timescale.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicyPlan;
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
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The library's own cost at boot: {@code applyPolicies} and {@code plan} when nothing changed, on 1 and on 100
 * hypertables, through a HikariCP pool as hosts run it. Targets for 100 tables: p50 under 10 ms and at most 3
 * statements per call, transaction set-up included.
 *
 * <p>The statements are counted by a {@link CountingDataSource} between the pool and the driver (see there for
 * what counts) and reported per iteration as the secondary results {@code statements} and {@code calls}; their
 * ratio is the statements per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ApplyPoliciesBenchmark {

    @Param({"1", "100"})
    int tables;

    private TimescaleDatabase database;
    private HikariDataSource pool;
    private final StatementCounter counter = new StatementCounter();
    private TimescaleAdmin admin;
    private List<PolicySpec> specs;

    /**
     * Creates the tables in a database of their own and applies their policies once, so that the measured calls
     * find nothing to do.
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
                statement.execute("CREATE TABLE " + BenchServer.quote(name)
                        + " (ts timestamptz NOT NULL, device int, value float8)");
                PolicySpec.Builder spec = PolicySpec.builder(name, "ts").chunkInterval(Duration.ofDays(1))
                        .retention(Duration.ofDays(90));
                if (database.edition() == TimescaleEdition.TIMESCALE) {
                    spec.compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device"));
                }
                specs.add(spec.build());
            }
        }
        pool = BenchServer.pool(database.jdbcUrl(), "apply", 2, counter, false);
        admin = TimescaleAdmin.create(pool);
        admin.applyPolicies(specs).throwIfFailed();
    }

    /**
     * Applies unchanged specs.
     *
     * @param counted where the statements of the call are added
     * @return the report, with nothing applied
     */
    @Benchmark
    public ApplyReport applyUnchanged(Counted counted) {
        long before = counter.count();
        ApplyReport report = admin.applyPolicies(specs);
        counted.add(counter.count() - before);
        if (!report.changed().isEmpty()) {
            throw new IllegalStateException("expected no change, got " + report.changed());
        }
        return report;
    }

    /**
     * Plans unchanged specs.
     *
     * @param counted where the statements of the call are added
     * @return the plan, with no action
     */
    @Benchmark
    public PolicyPlan planUnchanged(Counted counted) {
        long before = counter.count();
        PolicyPlan plan = admin.plan(specs);
        counted.add(counter.count() - before);
        if (!plan.isEmpty()) {
            throw new IllegalStateException("expected an empty plan, got " + plan.actions());
        }
        return plan;
    }

    /** Closes the pool and drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        database.close();
    }

    /**
     * The statements sent and the calls made in an iteration, reported by JMH next to the time.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counted {

        /** Statements sent to the server in this iteration. */
        public long statements;

        /** Calls measured in this iteration. */
        public long calls;

        void add(long sent) {
            statements += sent;
            calls++;
        }
    }
}
