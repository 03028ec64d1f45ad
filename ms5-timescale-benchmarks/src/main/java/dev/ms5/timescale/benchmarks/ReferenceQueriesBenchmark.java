package dev.ms5.timescale.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
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
 * The three reference queries on a week of {@code metric_hist} (100 metrics every 10 seconds, about 6 million
 * rows), before compression ({@code storage=rowstore}) and after all but the last day was compressed
 * ({@code storage=columnstore}, full edition only). Targets: latest 100 and filtered 7-day p50 under 5 ms, the
 * 24-hour hourly aggregation (about 864,000 rows) p50 under 100 ms, both ways.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReferenceQueriesBenchmark {

    @Param(DataSet.REFERENCE)
    String dataSet;

    @Param({"rowstore", "columnstore"})
    String storage;

    private HikariDataSource pool;
    private Instant now;

    /**
     * Loads the data set where it is not loaded yet, opens the pool and checks that each query finds its rows.
     *
     * @throws SQLException when the server refuses
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        DataSet set = DataSet.parse(dataSet);
        ReferenceData.Loaded loaded = ReferenceData.ensure(set,
                ReferenceData.Storage.valueOf(storage.toUpperCase(Locale.ROOT)));
        now = loaded.end();
        pool = BenchServer.pool(loaded.url(), "queries", 2, null, false);
        // The data ends one spacing before "now", and the queries take what is after now minus the period.
        long spacing = set.spacing().toSeconds();
        expect("latest 100", ReferenceQueries.latest100(pool, now), Math.min(100, set.metrics() * (3600 / spacing - 1)));
        expect("hourly 24 h", ReferenceQueries.hourly24h(pool, now), set.metrics() * (86_400 / spacing - 1));
        if (ReferenceQueries.filtered7d(pool, now) == 0) {
            throw new IllegalStateException("the filtered 7-day query found no rows in " + loaded.url());
        }
    }

    /**
     * The latest 100 rows of the last hour.
     *
     * @return the rows read
     * @throws SQLException when the server refuses
     */
    @Benchmark
    public int latest100() throws SQLException {
        return ReferenceQueries.latest100(pool, now);
    }

    /**
     * Hourly count, average, minimum and maximum over 24 hours.
     *
     * @return the rows aggregated
     * @throws SQLException when the server refuses
     */
    @Benchmark
    public long hourly24h() throws SQLException {
        return ReferenceQueries.hourly24h(pool, now);
    }

    /**
     * One metric over 7 days with {@code value_real > 50}, newest 500.
     *
     * @return the rows read
     * @throws SQLException when the server refuses
     */
    @Benchmark
    public int filtered7d() throws SQLException {
        return ReferenceQueries.filtered7d(pool, now);
    }

    /** Closes the pool; the data stays for the next run. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    private static void expect(String query, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("the " + query + " query read " + actual + " rows, expected " + expected
                    + "; the benchmark data is incomplete. Drop the ms5_bench_* databases to load it again");
        }
    }
}
