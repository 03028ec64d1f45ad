package dev.ms5.timescale.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What shapes the figures, read from the server: versions, edition, the planner and memory settings, durability,
 * whether the server may read and write files (the ingest baseline), and compression as TimescaleDB counts it.
 */
final class ServerFacts {

    /** The settings recorded in the report. */
    static final List<String> SETTINGS = List.of("server_version", "timescaledb.license", "jit", "jit_above_cost",
            "work_mem", "shared_buffers", "effective_cache_size", "max_parallel_workers_per_gather",
            "random_page_cost", "plan_cache_mode", "fsync", "synchronous_commit", "full_page_writes",
            "max_connections");

    private ServerFacts() {
    }

    /**
     * Reads the server's settings as a benchmark session sees them (so {@code -Dms5.bench.jit=off} shows).
     *
     * @param url a benchmark database's URL
     * @return setting name to value, in the order of {@link #SETTINGS}, plus {@code timescaledb_version}
     * @throws SQLException when the server refuses
     */
    static Map<String, Object> settings(String url) throws SQLException {
        Map<String, Object> facts = new LinkedHashMap<>();
        try (Connection connection = BenchServer.unpooled(url).getConnection()) {
            Map<String, String> found = new LinkedHashMap<>();
            Array names = connection.createArrayOf("text", SETTINGS.toArray());
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY (?)")) {
                query.setArray(1, names);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            for (String name : SETTINGS) {
                facts.put(name, found.getOrDefault(name, "(not set)"));
            }
            facts.put("timescaledb_version", scalar(connection,
                    "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"));
            facts.put("server_file_access", fileAccess(connection));
        }
        return facts;
    }

    /**
     * Tells whether the session may have the server write and read files, as the ingest baseline needs.
     *
     * @return {@code "yes"}, or why not
     */
    private static String fileAccess(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT r.rolsuper OR (pg_has_role(current_user,"
                     + " 'pg_write_server_files', 'MEMBER') AND pg_has_role(current_user, 'pg_read_server_files',"
                     + " 'MEMBER') AND pg_has_role(current_user, 'pg_read_all_settings', 'MEMBER')), current_user"
                     + " FROM pg_roles r WHERE r.rolname = current_user")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return "yes";
            }
            String role = rs.getString(2);
            return "no: role " + role + " is neither superuser nor a member of pg_write_server_files,"
                    + " pg_read_server_files and pg_read_all_settings (the file is written to and read from the"
                    + " server's data directory). Fix: GRANT pg_write_server_files, pg_read_server_files,"
                    + " pg_read_all_settings TO " + role;
        }
    }

    /**
     * Reads the compression of {@code factory_telemetry.metric_hist} from TimescaleDB's own statistics
     * ({@code hypertable_columnstore_stats} from 2.18, {@code hypertable_compression_stats} before).
     *
     * @param url the columnstore data set's URL
     * @return chunks, compressed chunks, bytes before and after compression, and the share saved
     * @throws SQLException when the server refuses
     */
    static Map<String, Object> compression(String url) throws SQLException {
        Map<String, Object> facts = new LinkedHashMap<>();
        try (Connection connection = BenchServer.unpooled(url).getConnection()) {
            boolean columnstore = "true".equals(scalar(connection, "SELECT (EXISTS (SELECT 1 FROM pg_proc"
                    + " WHERE proname = 'hypertable_columnstore_stats'))::text"));
            String function = columnstore ? "hypertable_columnstore_stats" : "hypertable_compression_stats";
            String sql = "SELECT total_chunks, number_compressed_chunks, before_compression_total_bytes,"
                    + " after_compression_total_bytes FROM " + function + "(?::regclass)";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, MetricHist.TABLE);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    long before = rs.getLong(3);
                    long after = rs.getLong(4);
                    facts.put("source", function);
                    facts.put("total_chunks", rs.getLong(1));
                    facts.put("compressed_chunks", rs.getLong(2));
                    facts.put("before_bytes", before);
                    facts.put("after_bytes", after);
                    facts.put("saved", before == 0 ? null : 1.0 - (double) after / before);
                }
            }
        }
        return facts;
    }

    /**
     * Tells whether the server runs the Apache edition.
     *
     * @param url any database's URL
     * @return true for {@code timescaledb.license=apache}
     * @throws SQLException when the server refuses
     */
    static boolean apache(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            return "apache".equals(scalar(connection, "SELECT current_setting('timescaledb.license', true)"));
        }
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
