package dev.ms5.timescale.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ms5.timescale.jdbc.BulkWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * Ingest into an empty {@code factory_telemetry.metric_hist} (1-hour chunks), the same generated rows every way:
 * one INSERT per row (the seed's way), JDBC batches, batches with {@code reWriteBatchedInserts}, the library's
 * {@link BulkWriter} in COPY and INSERT mode, and, as the machine's limit, the server reading the same rows from a
 * binary file it wrote itself ({@code COPY ... TO/FROM 'file'} in its data directory, which needs superuser or
 * {@code pg_write_server_files}, {@code pg_read_server_files} and {@code pg_read_all_settings}).
 *
 * <p>Each bulk way is one single shot per iteration: all {@code rows} rows into the table emptied before it, so
 * its rate is {@code rows} divided by the shot's time. One INSERT per row is measured as throughput instead (one
 * row per operation, cycling through the same rows), so that its slow rate costs seconds rather than minutes.
 * Targets: the bulk writer (COPY) at least 0.9x the server's file COPY and at least 80x one INSERT per row.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestBenchmark {

    /** Rows per transaction of the batching ways, the bulk writer's default batch. */
    static final int BATCH = 10_000;

    /*
     * The file the server writes and reads: ms5_bench_ingest.bin in its data directory. COPY takes no bound
     * values and needs an absolute path, so the server builds the statement itself (format's %L quotes it).
     */
    static final String COPY_TO_FILE = "DO $$BEGIN EXECUTE format('COPY (SELECT " + MetricHist.COLUMNS
            + " FROM factory_telemetry.metric_hist) TO %L (FORMAT binary)', current_setting('data_directory')"
            + " || '/ms5_bench_ingest.bin'); END$$";
    static final String COPY_FROM_FILE = "DO $$BEGIN EXECUTE format('COPY factory_telemetry.metric_hist ("
            + MetricHist.COLUMNS + ") FROM %L (FORMAT binary)', current_setting('data_directory')"
            + " || '/ms5_bench_ingest.bin'); END$$";

    @Param("200000")
    int rows;

    HikariDataSource pool;
    private HikariDataSource rewritePool;
    List<Object[]> data;

    /**
     * Creates the table and generates the rows: 100 metrics every 10 seconds, ending in the current hour.
     *
     * @throws SQLException when the server refuses
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = BenchServer.database("ms5_bench_ingest");
        MetricHist.create(url);
        pool = BenchServer.pool(url, "ingest", 3, null, false);
        rewritePool = BenchServer.pool(url, "ingest-rewrite", 1, null, true);
        int metrics = 100;
        Duration span = Duration.ofSeconds(10L * (rows / metrics + 1));
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(span);
        data = new MetricRows(metrics, start, Duration.ofSeconds(10)).next(rows);
    }

    /**
     * Empties the table, dropping its chunks, so that every iteration writes into the same empty table.
     *
     * @throws SQLException when the server refuses
     */
    @Setup(Level.Iteration)
    public void empty() throws SQLException {
        MetricHist.truncate(pool);
    }

    /**
     * One INSERT per row, each its own transaction, on one connection (the seed's way).
     *
     * @param connection the connection and its statement
     * @return the rows inserted (1)
     * @throws SQLException when the server refuses
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int insertPerRow(OneConnection connection) throws SQLException {
        Object[] row = data.get(connection.next);
        connection.next = (connection.next + 1) % data.size();
        MetricHist.bind(connection.insert, row);
        return connection.insert.executeUpdate();
    }

    /**
     * JDBC batches of {@link #BATCH} rows, each one transaction.
     *
     * @return the rows inserted
     * @throws SQLException when the server refuses
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int jdbcBatches() throws SQLException {
        return batches(pool);
    }

    /**
     * The same batches, rewritten by the driver into multi-row INSERTs ({@code reWriteBatchedInserts=true}).
     *
     * @return the rows inserted
     * @throws SQLException when the server refuses
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int rewrittenBatches() throws SQLException {
        return batches(rewritePool);
    }

    /**
     * The library's bulk writer, binary COPY (its default), batches of {@link #BATCH}.
     *
     * @return the rows committed
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long bulkWriterCopy() {
        return write(BulkWriter.Mode.COPY);
    }

    /**
     * The library's bulk writer in INSERT mode (multi-row INSERTs), batches of {@link #BATCH}.
     *
     * @return the rows committed
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long bulkWriterInsert() {
        return write(BulkWriter.Mode.INSERT);
    }

    /**
     * The machine's limit: the server reads the same rows from the binary file it wrote.
     *
     * @param file the file, written once per trial
     * @return the rows copied
     * @throws SQLException when the server refuses
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int serverCopyFromFile(ServerFile file) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(COPY_FROM_FILE);
        }
        return data.size();
    }

    /** Closes the pools. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        rewritePool.close();
    }

    private int batches(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(MetricHist.INSERT)) {
                int pending = 0;
                for (Object[] row : data) {
                    MetricHist.bind(insert, row);
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        connection.commit();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        return data.size();
    }

    private long write(BulkWriter.Mode mode) {
        BulkWriter writer = MetricHist.writer(pool).mode(mode).batchSize(BATCH).build();
        try (writer) {
            for (Object[] row : data) {
                writer.row(row);
            }
        }
        return writer.result().rowsCommitted();
    }

    /** One connection and its prepared INSERT, held for an iteration of one INSERT per row. */
    @State(Scope.Thread)
    public static class OneConnection {

        Connection connection;
        PreparedStatement insert;
        int next;

        /**
         * Borrows the connection (after the table was emptied).
         *
         * @param ingest the benchmark's state
         * @throws SQLException when the server refuses
         */
        @Setup(Level.Iteration)
        public void open(IngestBenchmark ingest) throws SQLException {
            connection = ingest.pool.getConnection();
            insert = connection.prepareStatement(MetricHist.INSERT);
            next = 0;
        }

        /**
         * Gives the connection back.
         *
         * @throws SQLException when the driver fails to close
         */
        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            try (Connection borrowed = connection) {
                insert.close();
            }
        }
    }

    /**
     * The server's binary file of the rows, written by the server from the rows the bulk writer loaded. It stays in
     * the server's data directory (SQL cannot remove a server file without an extension) and is overwritten by the
     * next run.
     */
    @State(Scope.Benchmark)
    public static class ServerFile {

        /**
         * Loads the rows with the bulk writer and has the server write them to its file.
         *
         * @param ingest the benchmark's state
         * @throws SQLException when the server refuses, e.g. without the right to write server files
         */
        @Setup(Level.Trial)
        public void write(IngestBenchmark ingest) throws SQLException {
            MetricHist.truncate(ingest.pool);
            ingest.write(BulkWriter.Mode.COPY);
            try (Connection connection = ingest.pool.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(COPY_TO_FILE);
            }
            MetricHist.truncate(ingest.pool);
        }
    }
}
