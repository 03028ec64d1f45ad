package dev.ms5.timescale.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ms5.timescale.jdbc.BulkWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The seed application's own performance targets, each as a benchmark, done the way a host of this library does
 * them: a pooled connection (HikariCP), the library's {@link BulkWriter} for several rows, recent timestamps (the
 * current hour's chunk). Seed targets: one row under 10 ms; 1,000 rows under 1 s; 5,000 rows in batches under 1 s
 * (and so more than 1,000 rows/s); 5 concurrent tasks of 200 rows under 2 s; 10 concurrent queries under 1 s.
 *
 * <p>The inserts go to {@code factory_telemetry.metric_hist} of the database {@code ms5_bench_seed}, emptied before
 * each iteration; the concurrent queries read the reference data (the three reference queries in turn).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SeedTargetsBenchmark {

    static final int TASKS = 5;
    static final int ROWS_PER_TASK = 200;
    static final int QUERIES = 10;
    static final int BATCH = 1_000;

    @Param(DataSet.REFERENCE)
    String dataSet;

    private HikariDataSource pool;
    private HikariDataSource queryPool;
    private Instant dataEnd;
    private ExecutorService executor;
    private List<Object[]> rows;
    private int next;

    /**
     * Creates the table, generates 5,000 rows of the last 10 minutes (100 metrics every 10 seconds) and
     * opens a pool of 10 connections on each database.
     *
     * @throws SQLException when the server refuses
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = BenchServer.database("ms5_bench_seed");
        MetricHist.create(url);
        pool = BenchServer.pool(url, "seed", QUERIES, null, false);
        ReferenceData.Loaded data = ReferenceData.ensure(DataSet.parse(dataSet), ReferenceData.Storage.ROWSTORE);
        dataEnd = data.end();
        queryPool = BenchServer.pool(data.url(), "seed-queries", QUERIES, null, false);
        executor = Executors.newFixedThreadPool(QUERIES);
        rows = new MetricRows(100, Instant.now().minus(Duration.ofMinutes(10)), Duration.ofSeconds(10)).next(5_000);
    }

    /**
     * Empties the table.
     *
     * @throws SQLException when the server refuses
     */
    @Setup(Level.Iteration)
    public void empty() throws SQLException {
        MetricHist.truncate(pool);
    }

    /**
     * One row: a pooled connection, one INSERT, auto-commit.
     *
     * @return the rows inserted (1)
     * @throws SQLException when the server refuses
     */
    @Benchmark
    public int singleRowInsert() throws SQLException {
        Object[] row = rows.get(next);
        next = (next + 1) % rows.size();
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(MetricHist.INSERT)) {
            MetricHist.bind(insert, row);
            return insert.executeUpdate();
        }
    }

    /**
     * 1,000 rows through the bulk writer, one batch.
     *
     * @return the rows committed
     */
    @Benchmark
    public long rows1000() {
        return write(rows.subList(0, 1_000));
    }

    /**
     * 5,000 rows through the bulk writer, in batches of 1,000 (5 transactions).
     *
     * @return the rows committed
     */
    @Benchmark
    public long rows5000InBatches() {
        return write(rows);
    }

    /**
     * 5 tasks at once, each writing 200 rows through a bulk writer of its own.
     *
     * @return the rows committed
     * @throws Exception when a task failed
     */
    @Benchmark
    public long concurrentInserts() throws Exception {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            List<Object[]> slice = rows.subList(t * ROWS_PER_TASK, (t + 1) * ROWS_PER_TASK);
            tasks.add(() -> write(slice));
        }
        return all(tasks);
    }

    /**
     * 10 queries at once on the reference data: the latest-100, hourly 24-hour and filtered 7-day queries in turn.
     *
     * @return the rows read or aggregated
     * @throws Exception when a query failed
     */
    @Benchmark
    public long concurrentQueries() throws Exception {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            switch (q % 3) {
                case 0 -> tasks.add(() -> (long) ReferenceQueries.latest100(queryPool, dataEnd));
                case 1 -> tasks.add(() -> ReferenceQueries.hourly24h(queryPool, dataEnd));
                default -> tasks.add(() -> (long) ReferenceQueries.filtered7d(queryPool, dataEnd));
            }
        }
        return all(tasks);
    }

    /** Stops the tasks' threads and closes the pools. */
    @TearDown(Level.Trial)
    public void tearDown() {
        executor.shutdownNow();
        pool.close();
        queryPool.close();
    }

    private long write(List<Object[]> slice) {
        BulkWriter writer = MetricHist.writer(pool).batchSize(BATCH).build();
        try (writer) {
            for (Object[] row : slice) {
                writer.row(row);
            }
        }
        return writer.result().rowsCommitted();
    }

    private long all(List<Callable<Long>> tasks) throws InterruptedException, ExecutionException {
        long total = 0;
        for (Future<Long> done : executor.invokeAll(tasks)) {
            total += done.get();
        }
        return total;
    }
}
