package dev.ms5.timescale.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.monitoring.ChunkPage;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.DatabaseInfo;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import dev.ms5.timescale.monitoring.HypertableStats;
import dev.ms5.timescale.monitoring.JobStats;
import dev.ms5.timescale.monitoring.TimescaleStatistics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * The library's monitoring calls at scale: {@code health()} and the statistics calls on 20 hypertables of 500
 * chunks (10,000 chunks, the older half of each table's compressed on the full edition; {@link ChunkedHypertables},
 * loaded once and reused), through a HikariCP pool as hosts run them. Targets: {@code health()} p99 under 50 ms;
 * each statistics call p99 under 100 ms. Baseline, in the same run: TimescaleDB's own {@code hypertable_size()}
 * summed over the tables in one statement.
 *
 * <p>The statements each call sends are counted by a {@link CountingDataSource} and reported per iteration as the
 * secondary results {@code statements} and {@code calls} ({@link ApplyPoliciesBenchmark.Counted}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MonitoringBenchmark {

    /** TimescaleDB's own sizes, one call per hypertable, summed: the baseline. */
    static final String HYPERTABLE_SIZES = "SELECT sum(hypertable_size(format('%I.%I', hypertable_schema,"
            + " hypertable_name)::regclass)) FROM timescaledb_information.hypertables";

    @Param("20")
    int hypertables;

    @Param("500")
    int chunksPerTable;

    private HikariDataSource pool;
    private final StatementCounter counter = new StatementCounter();
    private TimescaleAdmin admin;
    private TimescaleStatistics statistics;
    private Optional<String> oneTable;

    /**
     * Loads the chunks where they are not loaded yet, opens the pool and checks that the statistics see them.
     *
     * @throws SQLException when the server refuses
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = BenchServer.database("ms5_bench_chunks_" + hypertables + "x" + chunksPerTable);
        ChunkedHypertables.create(url, hypertables, chunksPerTable);
        pool = BenchServer.pool(url, "monitoring", 2, counter, false);
        admin = TimescaleAdmin.create(pool);
        statistics = admin.statistics();
        oneTable = Optional.of(ChunkedHypertables.table(0));
        long chunks = statistics.hypertables().stream().mapToLong(HypertableStats::chunks).sum();
        if (chunks != (long) hypertables * chunksPerTable) {
            throw new IllegalStateException("expected " + hypertables * chunksPerTable + " chunks in " + url
                    + ", the statistics count " + chunks + "; drop the database to load it again");
        }
    }

    /**
     * The health report.
     *
     * @param counted where the statements of the call are added
     * @return the report
     */
    @Benchmark
    public HealthReport health(ApplyPoliciesBenchmark.Counted counted) {
        return count(counted, admin::health);
    }

    /**
     * Every hypertable, sizes estimated from the catalog.
     *
     * @param counted where the statements of the call are added
     * @return the hypertables
     */
    @Benchmark
    public List<HypertableStats> hypertables(ApplyPoliciesBenchmark.Counted counted) {
        return count(counted, statistics::hypertables);
    }

    /**
     * Compression per hypertable.
     *
     * @param counted where the statements of the call are added
     * @return the statistics
     */
    @Benchmark
    public List<CompressionStats> compression(ApplyPoliciesBenchmark.Counted counted) {
        return count(counted, statistics::compression);
    }

    /**
     * The newest 100 chunks of all hypertables.
     *
     * @param counted where the statements of the call are added
     * @return the page
     */
    @Benchmark
    public ChunkPage chunksAll(ApplyPoliciesBenchmark.Counted counted) {
        return count(counted, () -> statistics.chunks(Optional.empty(), 100, 0));
    }

    /**
     * The newest 100 chunks of one hypertable.
     *
     * @param counted where the statements of the call are added
     * @return the page
     */
    @Benchmark
    public ChunkPage chunksOneTable(ApplyPoliciesBenchmark.Counted counted) {
        return count(counted, () -> statistics.chunks(oneTable, 100, 0));
    }

    /**
     * Every job with its runs and latest errors.
     *
     * @param counted where the statements of the call are added
     * @return the jobs
     */
    @Benchmark
    public List<JobStats> jobs(ApplyPoliciesBenchmark.Counted counted) {
        return count(counted, statistics::jobs);
    }

    /**
     * The extension's versions, edition and workers.
     *
     * @param counted where the statements of the call are added
     * @return the extension
     */
    @Benchmark
    public ExtensionInfo extension(ApplyPoliciesBenchmark.Counted counted) {
        return count(counted, statistics::extension);
    }

    /**
     * The database's size, sessions and version.
     *
     * @param counted where the statements of the call are added
     * @return the database
     */
    @Benchmark
    public DatabaseInfo database(ApplyPoliciesBenchmark.Counted counted) {
        return count(counted, statistics::database);
    }

    /**
     * The baseline: TimescaleDB's {@code hypertable_size()} of every hypertable, summed, in one statement on a
     * pooled connection.
     *
     * @param counted where the statements of the call are added
     * @return the bytes
     * @throws SQLException when the server refuses
     */
    @Benchmark
    public long hypertableSizeSum(ApplyPoliciesBenchmark.Counted counted) throws SQLException {
        long before = counter.count();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(HYPERTABLE_SIZES)) {
            rs.next();
            long bytes = rs.getLong(1);
            counted.add(counter.count() - before);
            return bytes;
        }
    }

    private <T> T count(ApplyPoliciesBenchmark.Counted counted, Supplier<T> call) {
        long before = counter.count();
        T result = call.get();
        counted.add(counter.count() - before);
        return result;
    }

    /** Closes the pool; the data stays for the next run. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }
}
