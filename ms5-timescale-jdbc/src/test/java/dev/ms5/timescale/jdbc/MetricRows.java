package dev.ms5.timescale.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Rows shaped like the reference {@code metric_hist}: deterministic, so that tests can compare them. */
final class MetricRows {

    static final String CREATE = """
            CREATE TABLE %s (
                metric_def_id uuid NOT NULL,
                ts timestamptz NOT NULL,
                value_bool boolean,
                value_int bigint,
                value_real double precision,
                value_text text,
                value_json jsonb)""";
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

    private MetricRows() {
    }

    /** Creates the table as a hypertable with 1-hour chunks. */
    static void createHypertable(javax.sql.DataSource dataSource, String table) throws java.sql.SQLException {
        Db.execute(dataSource, CREATE.formatted(table),
                "SELECT create_hypertable('" + table + "', by_range('ts', INTERVAL '1 hour'))");
    }

    static BulkWriter.Builder writer(javax.sql.DataSource dataSource, String table) {
        return BulkWriter.builder(dataSource, table)
                .column("metric_def_id", ColumnType.UUID)
                .column("ts", ColumnType.TIMESTAMPTZ)
                .column("value_bool", ColumnType.BOOLEAN)
                .column("value_int", ColumnType.BIGINT)
                .column("value_real", ColumnType.DOUBLE)
                .column("value_text", ColumnType.TEXT)
                .column("value_json", ColumnType.JSONB);
    }

    /** Row {@code n} (from 1): metric {@code (n - 1) % 100}, at {@code START} plus {@code n - 1} seconds. */
    static Object[] row(long n) {
        long i = n - 1;
        UUID metric = new UUID(0x4D53350000000000L, i % 100);
        Instant ts = START.plus(Duration.ofSeconds(i));
        return new Object[] {metric, ts, i % 3 == 0 ? null : i % 2 == 0, i, i * 0.5, "v" + i,
                i % 10 == 0 ? "{\"n\": " + i + "}" : null};
    }
}
