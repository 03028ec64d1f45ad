package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A data set for benchmarks of the monitoring calls at scale ({@code health()}, statistics): many hypertables of
 * many chunks, by default 20 hypertables of 500 one-hour chunks each (10,000 chunks; the reference
 * {@code metric_hist} alone keeps 2,160). Tables {@code ms5_chunks.hist_00} ... of one row per chunk, their policies
 * (1-hour chunks, retention 90 days, compression after 7 days on the full edition) applied through the library and
 * their jobs paused, so that the chunks stay as created. On the full edition the older half of each table's chunks
 * is compressed. The database is vacuumed and analyzed once loaded (as autovacuum would leave it, so that no
 * autovacuum of the grown catalogs runs during a measurement), and a marker row ({@code ms5_chunks.dataset}) says
 * it is complete: creating it again where it exists changes nothing, and a load that stopped half-way resumes.
 *
 * <pre>{@code
 * String url = BenchServer.database("ms5_bench_chunks_20x500");
 * List<PolicySpec> specs = ChunkedHypertables.create(url, ChunkedHypertables.TABLES, ChunkedHypertables.CHUNKS);
 * }</pre>
 */
public final class ChunkedHypertables {

    /** The hypertables of the target workload. */
    public static final int TABLES = 20;

    /** The chunks of each. */
    public static final int CHUNKS = 500;

    /** The schema of the tables. */
    public static final String SCHEMA = "ms5_chunks";

    private ChunkedHypertables() {
    }

    /**
     * Creates the tables where absent and, unless the data set is marked complete, applies their policies, pauses
     * their jobs, fills each with one row per chunk and compresses the older half of its chunks (full edition).
     * Progress goes to stdout, each line starting with the database's name.
     *
     * @param url            the database's URL
     * @param tables         how many hypertables
     * @param chunksPerTable how many one-hour chunks each, ending in the current hour (of the first load)
     * @return the tables' specs, as applied
     * @throws SQLException when the server refuses
     */
    public static List<PolicySpec> create(String url, int tables, int chunksPerTable) throws SQLException {
        DataSource dataSource = BenchServer.unpooled(url);
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                // One loader at a time per database, also across JMH forks and processes.
                statement.execute("SELECT pg_advisory_lock(hashtext('ms5-timescale chunked hypertables'))");
            }
            boolean full = fullEdition(connection);
            List<PolicySpec> specs = createTables(connection, tables, full);
            int compressed = full ? chunksPerTable / 2 : 0;
            if (!marked(connection, tables, chunksPerTable, compressed)) {
                // Applied once: applied again, the library would warn about each paused job on every fork.
                TimescaleAdmin.create(dataSource).applyPolicies(specs).throwIfFailed();
                MetricHist.pauseJobs(dataSource, SCHEMA);
                load(connection, databaseName(url), tables, chunksPerTable, compressed);
            }
            return specs;
        }
    }

    /**
     * Returns the name of the table of an index.
     *
     * @param index 0 to the tables less one
     * @return e.g. {@code ms5_chunks.hist_00}
     */
    public static String table(int index) {
        return SCHEMA + "." + String.format("hist_%02d", index);
    }

    private static boolean fullEdition(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('timescaledb.license', true)")) {
            rs.next();
            return TimescaleEdition.fromLicense(rs.getString(1)) == TimescaleEdition.TIMESCALE;
        }
    }

    private static List<PolicySpec> createTables(Connection connection, int tables, boolean full)
            throws SQLException {
        List<PolicySpec> specs = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + BenchServer.quote(SCHEMA));
            statement.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".dataset (tables int, chunks int,"
                    + " compressed int, loaded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tables, chunks))");
            for (int t = 0; t < tables; t++) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + table(t)
                        + " (ts timestamptz NOT NULL, device int NOT NULL, value double precision)");
                PolicySpec.Builder spec = PolicySpec.builder(table(t), "ts")
                        .chunkInterval(Duration.ofHours(1)).retention(Duration.ofDays(90));
                if (full) {
                    spec.compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device"));
                }
                specs.add(spec.build());
            }
        }
        return List.copyOf(specs);
    }

    private static boolean marked(Connection connection, int tables, int chunks, int compressed) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM " + SCHEMA + ".dataset"
                + " WHERE tables = ? AND chunks = ? AND compressed = ?")) {
            query.setInt(1, tables);
            query.setInt(2, chunks);
            query.setInt(3, compressed);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void load(Connection connection, String name, int tables, int chunks, int compressed)
            throws SQLException {
        long began = System.nanoTime();
        System.out.printf("%s: loading %d hypertables of %d chunks, %d of each compressed%n", name, tables, chunks,
                compressed);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (int t = 0; t < tables; t++) {
            fill(connection, table(t), hour, chunks);
            int done = compressOldest(connection, table(t), compressed);
            System.out.printf("%s: %s has %d chunks (%d newly compressed), %d s%n", name, table(t), chunks, done,
                    elapsedSeconds(began));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
            statement.execute("DELETE FROM " + SCHEMA + ".dataset");
        }
        try (PreparedStatement mark = connection.prepareStatement("INSERT INTO " + SCHEMA + ".dataset"
                + " (tables, chunks, compressed) VALUES (?, ?, ?)")) {
            mark.setInt(1, tables);
            mark.setInt(2, chunks);
            mark.setInt(3, compressed);
            mark.executeUpdate();
        }
        System.out.printf("%s: loaded, vacuumed and analyzed in %d s%n", name, elapsedSeconds(began));
    }

    private static void fill(Connection connection, String table, Instant hour, int chunks) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            if (rs.getLong(1) >= chunks) {
                return;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + table);
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (ts, device, value) SELECT ?::timestamptz - make_interval(hours => g), g % 10, g"
                + " FROM generate_series(0, ? - 1) AS g")) {
            insert.setObject(1, OffsetDateTime.ofInstant(hour, ZoneOffset.UTC));
            insert.setInt(2, chunks);
            insert.executeUpdate();
        }
    }

    /** Compresses the oldest chunks of a table, one transaction each; returns those it compressed now. */
    private static int compressOldest(Connection connection, String table, int oldest) throws SQLException {
        List<String> todo = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT format('%I.%I', chunk_schema, chunk_name)"
                + " FROM (SELECT * FROM timescaledb_information.chunks WHERE format('%I.%I', hypertable_schema,"
                + " hypertable_name) = ? ORDER BY range_start LIMIT ?) c WHERE NOT is_compressed")) {
            query.setString(1, table);
            query.setInt(2, oldest);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    todo.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement compress = connection.prepareStatement(
                "SELECT compress_chunk(?::regclass, if_not_compressed => true)")) {
            for (String chunk : todo) {
                compress.setString(1, chunk);
                compress.execute();
            }
        }
        return todo.size();
    }

    private static String databaseName(String url) {
        int query = url.indexOf('?');
        String head = query < 0 ? url : url.substring(0, query);
        return head.substring(head.lastIndexOf('/') + 1);
    }

    private static long elapsedSeconds(long began) {
        return (System.nanoTime() - began) / 1_000_000_000L;
    }
}
