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
 * their jobs paused, so that the chunks stay as created. Creating it again where it exists changes nothing.
 *
 * <pre>{@code
 * String url = BenchServer.database("ms5_bench_chunks");
 * List<PolicySpec> specs = ChunkedHypertables.create(url, ChunkedHypertables.TABLES, ChunkedHypertables.CHUNKS);
 * }</pre>
 */
public final class ChunkedHypertables {

    /** The hypertables of the target workload. */
    public static final int TABLES = 20;

    /** The chunks of each. */
    public static final int CHUNKS = 500;

    private static final String SCHEMA = "ms5_chunks";

    private ChunkedHypertables() {
    }

    /**
     * Creates the tables where absent, applies their policies and fills each with one row per chunk.
     *
     * @param url            the database's URL
     * @param tables         how many hypertables
     * @param chunksPerTable how many one-hour chunks each, ending in the current hour
     * @return the tables' specs, as applied
     * @throws SQLException when the server refuses
     */
    public static List<PolicySpec> create(String url, int tables, int chunksPerTable) throws SQLException {
        DataSource dataSource = BenchServer.unpooled(url);
        List<PolicySpec> specs = new ArrayList<>();
        boolean full;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + BenchServer.quote(SCHEMA));
            try (ResultSet rs = statement.executeQuery("SELECT current_setting('timescaledb.license', true)")) {
                rs.next();
                full = TimescaleEdition.fromLicense(rs.getString(1)) == TimescaleEdition.TIMESCALE;
            }
            for (int t = 0; t < tables; t++) {
                String table = String.format("hist_%02d", t);
                statement.execute("CREATE TABLE IF NOT EXISTS " + name(table)
                        + " (ts timestamptz NOT NULL, device int NOT NULL, value double precision)");
                PolicySpec.Builder spec = PolicySpec.builder(SCHEMA + "." + table, "ts")
                        .chunkInterval(Duration.ofHours(1)).retention(Duration.ofDays(90));
                if (full) {
                    spec.compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device"));
                }
                specs.add(spec.build());
            }
        }
        TimescaleAdmin.create(dataSource).applyPolicies(specs).throwIfFailed();
        MetricHist.pauseJobs(dataSource, SCHEMA);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (Connection connection = dataSource.getConnection()) {
            for (int t = 0; t < tables; t++) {
                fill(connection, String.format("hist_%02d", t), hour, chunksPerTable);
            }
        }
        return List.copyOf(specs);
    }

    private static void fill(Connection connection, String table, Instant hour, int chunks) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + name(table))) {
            rs.next();
            if (rs.getLong(1) >= chunks) {
                return;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + name(table));
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name(table)
                + " (ts, device, value) SELECT ?::timestamptz - make_interval(hours => g), g % 10, g"
                + " FROM generate_series(0, ? - 1) AS g")) {
            insert.setObject(1, OffsetDateTime.ofInstant(hour, ZoneOffset.UTC));
            insert.setInt(2, chunks);
            insert.executeUpdate();
        }
    }

    private static String name(String table) {
        return BenchServer.quote(SCHEMA) + "." + BenchServer.quote(table);
    }
}
