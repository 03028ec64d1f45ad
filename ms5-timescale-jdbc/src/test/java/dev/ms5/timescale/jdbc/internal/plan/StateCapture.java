package dev.ms5.timescale.jdbc.internal.plan;

import dev.ms5.timescale.TableName;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.Json;
import dev.ms5.timescale.jdbc.internal.Tx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures table states from a real server into the test data that {@link PlannerTest} plans against, so that
 * the planner's tests run without a server (CI has only the Apache edition) on states as each TimescaleDB
 * version's catalogs really present them, not invented ones.
 *
 * <p>It creates a database on the server, the {@code timescaledb} extension in the version asked for, the
 * tables of {@link #SCENARIOS} (each set up as a host or a DBA would leave it), reads their states with the
 * dialect's own query, and writes {@code <version>-<edition>.json} into the directory given. Scenarios the
 * server refuses (a function the version lacks, the Apache edition) are listed as skipped, with the reason.
 * The database is dropped afterwards. Run it once per version and edition, e.g. from the module's directory:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.ms5.timescale.jdbc.internal.plan.StateCapture \
 *     'jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' 2.28.3 src/test/resources/states
 * </pre>
 * For the Apache edition, point it at a server started with {@code -c timescaledb.license=apache}.
 */
public final class StateCapture {

    /**
     * The scenario tables and the SQL that sets each up; {@code %s} is the table's name. A statement starting
     * with {@code ?} may be refused (the refusal is recorded); on the Apache edition the statements that need
     * the Timescale-License edition (compression, policies, jobs) are left out, so each table is as a host on
     * that edition would have it.
     */
    static final Map<String, List<String>> SCENARIOS = new LinkedHashMap<>();

    static {
        String declared = "SELECT create_hypertable('%s', 'ts', chunk_time_interval => INTERVAL '1 day')";
        String compress = "ALTER TABLE %s SET (timescaledb.compress, timescaledb.compress_segmentby = 'device',"
                + " timescaledb.compress_orderby = 'ts DESC')";
        String compressionPolicy = "SELECT add_compression_policy('%s', INTERVAL '7 days')";
        String retentionPolicy = "SELECT add_retention_policy('%s', INTERVAL '90 days')";
        SCENARIOS.put("plain", List.of());
        SCENARIOS.put("fresh", List.of("SELECT create_hypertable('%s', 'ts')"));
        SCENARIOS.put("declared", List.of(declared, compress, compressionPolicy, retentionPolicy));
        SCENARIOS.put("compression_off", List.of(declared));
        SCENARIOS.put("segment_drift", List.of(declared, compress.replace("'device'", "'site'"), compressionPolicy,
                retentionPolicy));
        SCENARIOS.put("order_drift", List.of(declared, compress.replace("'ts DESC'", "'ts ASC'"),
                compressionPolicy, retentionPolicy));
        SCENARIOS.put("compression_age", List.of(declared, compress,
                compressionPolicy.replace("7 days", "3 days"), retentionPolicy));
        SCENARIOS.put("compression_schedule", List.of(declared, compress, compressionPolicy, retentionPolicy,
                "SELECT alter_job(job_id, schedule_interval => INTERVAL '2 hours') FROM timescaledb_information.jobs"
                        + " WHERE hypertable_name = '%s' AND proc_name = 'policy_compression'"));
        SCENARIOS.put("retention_age", List.of(declared, compress, compressionPolicy,
                retentionPolicy.replace("90 days", "30 days")));
        SCENARIOS.put("retention_paused", List.of(declared, compress, compressionPolicy, retentionPolicy,
                "SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs"
                        + " WHERE hypertable_name = '%s' AND proc_name = 'policy_retention'"));
        SCENARIOS.put("retention_duplicate", List.of(declared, compress, compressionPolicy, retentionPolicy,
                "SELECT add_job('_timescaledb_functions.policy_retention', INTERVAL '1 day', config =>"
                        + " jsonb_build_object('hypertable_id', (SELECT id FROM _timescaledb_catalog.hypertable"
                        + " WHERE table_name = '%s'), 'drop_after', '30 days'))"));
        SCENARIOS.put("retention_created_before", List.of(declared, compress, compressionPolicy,
                "SELECT add_retention_policy('%s', drop_created_before => INTERVAL '90 days')"));
        SCENARIOS.put("reorder_index", List.of(declared, "SELECT add_reorder_policy('%s', '%s_device_ts_idx')"));
        SCENARIOS.put("old_chunks", List.of(declared, compress, compressionPolicy, retentionPolicy,
                "INSERT INTO %s SELECT now() - INTERVAL '40 days' + g * INTERVAL '1 hour', g % 3, g % 5, g"
                        + " FROM generate_series(0, 71) g",
                "SELECT count(compress_chunk(c)) FROM show_chunks('%s', older_than => INTERVAL '30 days') c",
                // 2.13 refuses this while compressed chunks exist; from 2.14 it applies to new chunks only.
                "?ALTER TABLE %s SET (timescaledb.compress, timescaledb.compress_segmentby = 'site')"));
        SCENARIOS.put("int_time", List.of("DROP TABLE %s", "CREATE TABLE %s (t bigint NOT NULL, v integer)",
                "SELECT create_hypertable('%s', 't', chunk_time_interval => 1000)"));
        SCENARIOS.put("a_view", List.of("DROP TABLE %s", "CREATE VIEW %s AS SELECT now() AS ts"));
    }

    private StateCapture() {
    }

    /**
     * Captures the states.
     *
     * @param args the server's JDBC URL (any database; a new one is created), the extension version, the
     *             output directory
     * @throws Exception when the server cannot be used
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StateCapture <jdbc-url> <timescaledb-version> <output-dir>");
            System.exit(2);
        }
        Path file = capture(args[0], args[1], Path.of(args[2]));
        System.out.println("wrote " + file);
    }

    static Path capture(String url, String version, Path directory) throws SQLException, IOException {
        String database = "ms5_capture_" + version.replaceAll("[^0-9]", "_");
        try (Connection admin = DriverManager.getConnection(url); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " TEMPLATE template0");
        }
        try (Connection connection = DriverManager.getConnection(url.replaceFirst("/[^/?]*(\\?|$)",
                "/" + database + "$1"))) {
            try (PreparedStatement create = connection.prepareStatement("SELECT format('CREATE EXTENSION"
                    + " timescaledb VERSION %L', ?::text)")) {
                create.setString(1, version);
                try (ResultSet rs = create.executeQuery(); Statement ddl = connection.createStatement()) {
                    rs.next();
                    ddl.execute(rs.getString(1));
                }
            }
            Dialect dialect = Tx.single(connection, Dialect::read);
            Map<String, Object> skipped = new LinkedHashMap<>();
            Map<String, Object> refused = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> scenario : SCENARIOS.entrySet()) {
                List<String> sql = scenario.getValue().stream().filter(statement -> dialect.edition().hasPolicies()
                        || !statement.matches("(?s).*(compress|_policy|_job).*")).toList();
                setUp(connection, scenario.getKey(), sql, skipped, refused);
            }
            List<String> names = new ArrayList<>(SCENARIOS.keySet());
            Map<String, Object> tables = new LinkedHashMap<>();
            try (PreparedStatement read = connection.prepareStatement(dialect.tableStates())) {
                read.setArray(1, connection.createArrayOf("text", new String[names.size()]));
                read.setArray(2, connection.createArrayOf("text", names.toArray()));
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        tables.put(names.get(rs.getInt(1) - 1), Json.parse(rs.getString(4)));
                    }
                }
            }
            Map<String, Object> captured = new LinkedHashMap<>();
            captured.put("timescaledb", dialect.timescaleVersion().toString());
            captured.put("edition", dialect.edition().license());
            captured.put("postgresql", dialect.postgresVersion());
            captured.put("captured", LocalDate.now().toString());
            captured.put("skipped", skipped);
            captured.put("refused", refused);
            captured.put("tables", tables);
            Files.createDirectories(directory);
            Path file = directory.resolve(dialect.timescaleVersion() + "-" + dialect.edition().license() + ".json");
            Files.writeString(file, lines(captured), StandardCharsets.UTF_8);
            return file;
        } finally {
            try (Connection admin = DriverManager.getConnection(url); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /** One table a line, so that a new capture shows as a readable diff. */
    @SuppressWarnings("unchecked")
    private static String lines(Map<String, Object> captured) {
        StringBuilder out = new StringBuilder("{\n");
        for (Map.Entry<String, Object> entry : captured.entrySet()) {
            out.append(out.length() > 2 ? ",\n" : "").append(Json.write(entry.getKey())).append(": ");
            if (entry.getKey().equals("tables")) {
                out.append("{\n");
                boolean first = true;
                for (Map.Entry<String, Object> table : ((Map<String, Object>) entry.getValue()).entrySet()) {
                    out.append(first ? "" : ",\n").append("  ").append(Json.write(table.getKey())).append(": ")
                            .append(Json.write(table.getValue()));
                    first = false;
                }
                out.append("\n}");
            } else {
                out.append(Json.write(entry.getValue()));
            }
        }
        return out.append("\n}\n").toString();
    }

    private static void setUp(Connection connection, String table, List<String> sql, Map<String, Object> skipped,
                              Map<String, Object> refused) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (ts timestamptz NOT NULL, device integer NOT NULL,"
                    + " site integer, value double precision)");
            statement.execute("CREATE INDEX " + table + "_ts_idx ON " + table + " (ts DESC)");
            statement.execute("CREATE INDEX " + table + "_device_ts_idx ON " + table + " (device, ts DESC)");
            connection.setAutoCommit(false);
            for (String each : sql) {
                if (each.startsWith("?")) {
                    statement.execute("SAVEPOINT optional");
                    try {
                        statement.execute(each.substring(1).replace("%s", table));
                    } catch (SQLException e) {
                        statement.execute("ROLLBACK TO SAVEPOINT optional");
                        refused.put(table, firstLine(e));
                    }
                } else {
                    statement.execute(each.replace("%s", table));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            skipped.put(table, firstLine(e));
            try (Statement statement = connection.createStatement()) {
                // Present as a plain table, so that the file still lists every scenario.
                statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (ts timestamptz NOT NULL)");
            }
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static String firstLine(SQLException e) {
        return e.getMessage().lines().findFirst().orElse("") + " (SQLState " + e.getSQLState() + ")";
    }

    /**
     * Reads a captured file.
     *
     * @param file the file
     * @return its content
     * @throws IOException when it cannot be read
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        return (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Builds the state of one captured table, as the reader builds it from the server's answer.
     *
     * @param captured a captured file's content
     * @param table    the scenario table
     * @return the state
     */
    @SuppressWarnings("unchecked")
    static TableState state(Map<String, Object> captured, String table) {
        Map<String, Object> json = (Map<String, Object>) ((Map<String, Object>) captured.get("tables")).get(table);
        return StateReader.state(TableName.parse(table), json);
    }
}
