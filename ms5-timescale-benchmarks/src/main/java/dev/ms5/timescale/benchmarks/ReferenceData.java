package dev.ms5.timescale.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ms5.timescale.ChunkReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.jdbc.BulkWriter;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference data of the query benchmarks: a {@link DataSet} of {@code factory_telemetry.metric_hist} in a
 * database of its own per storage, loaded once with the library's {@link BulkWriter} and reused by every later
 * fork and run.
 *
 * <p>Two databases hold the same rows: {@code ms5_bench_<set>_rowstore} as loaded, and
 * {@code ms5_bench_<set>_columnstore} with all but the last day compressed through the library
 * ({@code TimescaleAdmin.compressChunks}, full edition only). A marker row in {@code ms5_bench.dataset}, written
 * after the rows were counted, says a database is complete; without it the table is loaded again from scratch.
 * Both are vacuumed and analyzed after loading, as autovacuum would leave a table that has settled.
 */
public final class ReferenceData {

    /** Bumped when the generated rows change, so that older data is loaded again. */
    static final int GENERATOR = 1;

    /** How the rows are stored. */
    public enum Storage {
        /** As loaded: PostgreSQL's row storage. */
        ROWSTORE,
        /** All chunks but the last day's compressed (TimescaleDB's columnstore). */
        COLUMNSTORE;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A loaded data set.
     *
     * @param url     its database's URL
     * @param dataSet the data set
     * @param storage how it is stored
     * @param end     the end of its data (exclusive): the queries' "now"
     * @param rows    its rows
     */
    public record Loaded(String url, DataSet dataSet, Storage storage, Instant end, long rows) {
    }

    private ReferenceData() {
    }

    /**
     * Returns the data set's database, loading it first when it is not complete. Progress goes to stderr.
     *
     * @param dataSet the data set
     * @param storage how it is stored
     * @return the loaded data
     * @throws SQLException                                when the server refuses
     * @throws dev.ms5.timescale.UnsupportedEditionException for the columnstore on the Apache edition
     */
    public static Loaded ensure(DataSet dataSet, Storage storage) throws SQLException {
        String name = databaseName(dataSet, storage);
        String url = BenchServer.database(name);
        try (Connection lock = BenchServer.unpooled(url).getConnection()) {
            // One loader at a time per database, also across processes.
            advisoryLock(lock);
            Optional<Loaded> loaded = marker(lock, url, dataSet, storage);
            if (loaded.isPresent()) {
                return loaded.get();
            }
            return load(lock, url, dataSet, storage, System.err);
        }
    }

    /**
     * Returns the name of a data set's database.
     *
     * @param dataSet the data set
     * @param storage how it is stored
     * @return e.g. {@code ms5_bench_100m_7d_10s_rowstore}
     */
    public static String databaseName(DataSet dataSet, Storage storage) {
        return "ms5_bench_" + dataSet.key() + "_" + storage.key();
    }

    private static Loaded load(Connection connection, String url, DataSet dataSet, Storage storage, PrintStream out)
            throws SQLException {
        String name = databaseName(dataSet, storage);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS factory_telemetry CASCADE");
            statement.execute("CREATE SCHEMA IF NOT EXISTS ms5_bench");
            statement.execute("CREATE TABLE IF NOT EXISTS ms5_bench.dataset (name text PRIMARY KEY,"
                    + " generator int NOT NULL, storage text NOT NULL, data_end timestamptz NOT NULL,"
                    + " row_count bigint NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())");
        }
        if (storage == Storage.COLUMNSTORE) {
            requireCompression(connection, name);
        }
        MetricHist.create(url);
        long spacing = dataSet.spacing().toSeconds();
        Instant end = Instant.ofEpochSecond(Instant.now().getEpochSecond() / spacing * spacing);
        Instant start = end.minus(Duration.ofDays(dataSet.days()));
        write(url, dataSet, start, name, out);
        if (storage == Storage.COLUMNSTORE) {
            compress(url, end, name, out);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE factory_telemetry.metric_hist");
        }
        long rows = count(connection);
        if (rows != dataSet.rows()) {
            throw new IllegalStateException(name + ": loaded " + rows + " rows, expected " + dataSet.rows()
                    + "; run again to load it from scratch");
        }
        try (PreparedStatement mark = connection.prepareStatement("INSERT INTO ms5_bench.dataset (name, generator,"
                + " storage, data_end, row_count) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                + " generator = excluded.generator, storage = excluded.storage, data_end = excluded.data_end,"
                + " row_count = excluded.row_count, loaded_at = now()")) {
            mark.setString(1, dataSet.toString());
            mark.setInt(2, GENERATOR);
            mark.setString(3, storage.key());
            mark.setObject(4, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
            mark.setLong(5, rows);
            mark.executeUpdate();
        }
        return new Loaded(url, dataSet, storage, end, rows);
    }

    private static void write(String url, DataSet dataSet, Instant start, String name, PrintStream out) {
        long total = dataSet.rows();
        long step = Math.max(1, total / 20);
        MetricRows rows = new MetricRows(dataSet.metrics(), start, dataSet.spacing());
        long began = System.nanoTime();
        out.printf("%s: loading %,d rows (%s) with the bulk writer%n", name, total, dataSet);
        try (HikariDataSource pool = BenchServer.pool(url, "load", 1, null, false);
             BulkWriter writer = MetricHist.writer(pool).batchSize(50_000).build()) {
            for (long i = 1; i <= total; i++) {
                writer.row(rows.next());
                if (i % step == 0) {
                    double seconds = (System.nanoTime() - began) / 1e9;
                    out.printf("%s: %,d of %,d rows (%d %%), %,.0f rows/s%n", name, i, total, i * 100 / total,
                            i / seconds);
                }
            }
        }
    }

    private static void compress(String url, Instant end, String name, PrintStream out) {
        long began = System.nanoTime();
        out.printf("%s: compressing all chunks but the last day's%n", name);
        // Whole seconds: the library refuses intervals finer than PostgreSQL's microseconds.
        Duration olderThan = Duration.ofSeconds(Duration.between(end.minus(Duration.ofDays(1)), Instant.now()).getSeconds());
        ChunkReport report = TimescaleAdmin.create(BenchServer.unpooled(url)).compressChunks(MetricHist.TABLE,
                olderThan);
        out.printf("%s: compressed %d chunks in %d s%n", name, report.chunks().size(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
    }

    private static void requireCompression(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('timescaledb.license', true)")) {
            rs.next();
            if (TimescaleEdition.fromLicense(rs.getString(1)) == TimescaleEdition.APACHE) {
                throw new dev.ms5.timescale.UnsupportedEditionException(name + ": compression needs the"
                        + " Timescale-License edition; this server runs timescaledb.license=apache. Run the"
                        + " benchmarks against a full TimescaleDB (MS5_TIMESCALE_URL) for the compressed figures");
            }
        }
    }

    private static Optional<Loaded> marker(Connection connection, String url, DataSet dataSet, Storage storage)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT data_end, row_count FROM ms5_bench.dataset"
                + " WHERE name = ? AND generator = ?"
                + " AND storage = ? AND to_regclass('factory_telemetry.metric_hist') IS NOT NULL")) {
            query.setString(1, dataSet.toString());
            query.setInt(2, GENERATOR);
            query.setString(3, storage.key());
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(new Loaded(url, dataSet, storage,
                            rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // no marker table yet
                throw e;
            }
        }
        return Optional.empty();
    }

    /**
     * Counts the table's rows.
     *
     * @param connection a connection to the data set's database
     * @return the rows
     * @throws SQLException when the server refuses
     */
    static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM factory_telemetry.metric_hist")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void advisoryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(hashtext('ms5-timescale benchmark data'))");
        }
    }
}
