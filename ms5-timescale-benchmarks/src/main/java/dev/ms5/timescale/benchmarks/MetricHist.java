package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.jdbc.BulkWriter;
import dev.ms5.timescale.jdbc.ColumnType;
import dev.ms5.timescale.testkit.ReferenceWorkload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The reference table {@code factory_telemetry.metric_hist}, as the seed application lays it out: created with the
 * testkit's DDL, its policies applied through the library.
 */
public final class MetricHist {

    /** The table, as SQL names it. */
    public static final String TABLE = "factory_telemetry.metric_hist";

    /** Its columns, in order. */
    public static final String COLUMNS = "metric_def_id, ts, value_bool, value_int, value_real, value_text, value_json";

    /** One row's INSERT. */
    public static final String INSERT = "INSERT INTO factory_telemetry.metric_hist (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)";

    private static final String SCHEMA = "factory_telemetry";
    private static final int[] SQL_TYPES = {Types.OTHER, Types.TIMESTAMP_WITH_TIMEZONE, Types.BOOLEAN, Types.BIGINT,
        Types.DOUBLE, Types.VARCHAR, Types.VARCHAR};

    private MetricHist() {
    }

    /**
     * Creates the four reference tables in {@code factory_telemetry} where absent, applies their policies (the
     * library's defaults for the seed's settings: 1-hour chunks for {@code metric_hist}, compression after 7 days
     * segmented by {@code metric_def_id}, retention 90 days) and pauses the background jobs of those policies, so
     * that no job compresses or drops chunks while the benchmarks measure.
     *
     * @param url the database's URL
     * @return what {@code applyPolicies} did
     * @throws SQLException when the server refuses
     */
    public static ApplyReport create(String url) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        // public too: the timescaledb extension and its types live there in the seed's database.
        dataSource.setCurrentSchema(SCHEMA + ",public");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS factory_telemetry");
        }
        ReferenceWorkload.createTables(dataSource);
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
        ApplyReport report = admin.applyPolicies(ReferenceWorkload.specs(TimescaleSettings.fromMap(Map.of())))
                .throwIfFailed();
        pauseJobs(dataSource, SCHEMA);
        return report;
    }

    /**
     * Pauses the background jobs of the hypertables of a schema ({@code alter_job(..., scheduled => false)}).
     *
     * @param dataSource the database
     * @param schema     the schema
     * @throws SQLException when the server refuses
     */
    static void pauseJobs(DataSource dataSource, String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<Integer> jobs = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT job_id FROM"
                    + " timescaledb_information.jobs WHERE hypertable_schema = ? AND scheduled")) {
                query.setString(1, schema);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(rs.getInt(1));
                    }
                }
            }
            for (int job : jobs) {
                try (PreparedStatement pause = connection.prepareStatement(
                        "SELECT alter_job(?, scheduled => false)")) {
                    pause.setInt(1, job);
                    pause.execute();
                }
            }
        }
    }

    /**
     * Describes a bulk writer of all the table's columns.
     *
     * @param dataSource where its batches borrow connections
     * @return the builder, for the mode and batch size
     */
    public static BulkWriter.Builder writer(DataSource dataSource) {
        return BulkWriter.builder(dataSource, TABLE)
                .column("metric_def_id", ColumnType.UUID)
                .column("ts", ColumnType.TIMESTAMPTZ)
                .column("value_bool", ColumnType.BOOLEAN)
                .column("value_int", ColumnType.BIGINT)
                .column("value_real", ColumnType.DOUBLE)
                .column("value_text", ColumnType.TEXT)
                .column("value_json", ColumnType.JSONB);
    }

    /**
     * Binds a generated row to {@link #INSERT}.
     *
     * @param insert the statement
     * @param row    the row, from {@link MetricRows}
     * @throws SQLException when the driver refuses a value
     */
    public static void bind(PreparedStatement insert, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                insert.setNull(i + 1, SQL_TYPES[i]);
            } else {
                insert.setObject(i + 1, row[i]);
            }
        }
    }

    /**
     * Empties the table (dropping its chunks).
     *
     * @param dataSource the database
     * @throws SQLException when the server refuses
     */
    public static void truncate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE factory_telemetry.metric_hist");
        }
    }
}
