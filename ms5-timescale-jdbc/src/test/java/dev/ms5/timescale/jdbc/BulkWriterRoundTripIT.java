package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.testkit.TimescaleTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the writer writes is what the server reads back, for every type and NULL, by COPY and by INSERT. */
@TimescaleTest
class BulkWriterRoundTripIT {

    private static final List<ColumnType> TYPES = List.of(ColumnType.UUID, ColumnType.TIMESTAMPTZ, ColumnType.BOOLEAN,
            ColumnType.SMALLINT, ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.REAL, ColumnType.DOUBLE,
            ColumnType.NUMERIC, ColumnType.TEXT, ColumnType.JSONB);

    private static final List<Object[]> ROWS = List.of(
            new Object[] {UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"),
                    Instant.parse("2024-05-01T12:34:56.123456Z"), true, (short) -32768, Integer.MIN_VALUE,
                    Long.MAX_VALUE, 1.5f, -2.25, new BigDecimal("-12345.678"), "héllo \uD83D\uDE00",
                    "{\"a\": 1, \"b\": [true, null]}"},
            new Object[] {new UUID(0, 0), Instant.parse("-4713-11-24T00:00:00Z"), false, Short.MAX_VALUE,
                    Integer.MAX_VALUE, Long.MIN_VALUE, Float.NaN, Double.POSITIVE_INFINITY, new BigDecimal("0.0001"),
                    "", "[]"},
            new Object[] {new UUID(-1, -1), Instant.parse("+294276-12-31T23:59:59.999999Z"), true, (byte) -7,
                    (short) 12, 42, -0.0f, Double.MIN_VALUE, BigInteger.TWO.pow(70), "a'b\"c\\d\ne\tf,g;",
                    "\"str\""},
            new Object[] {UUID.randomUUID(), OffsetDateTime.parse("2024-01-01T05:30:00.000000999+05:30"), null,
                    (byte) 1, (byte) 2, (byte) 3, Float.NEGATIVE_INFINITY, 0.1f, 7L, "x".repeat(100_000),
                    "{\"k\": \"" + "y".repeat(70_000) + "\"}"},
            new Object[] {UUID.randomUUID(), ZonedDateTime.of(1999, 12, 31, 19, 0, 0, 1_000,
                    ZoneId.of("America/New_York")), false, null, null, null, Float.MIN_VALUE, -1e300,
                    new BigDecimal("0.00"), "ünïcödé", "{}"},
            new Object[] {UUID.randomUUID(), Instant.parse("1969-07-20T20:17:40Z"), true, (short) 0, 0, 0L, 0f, 0.0,
                    new BigDecimal("1E+3"), "null", "null"},
            new Object[11]);

    @ParameterizedTest
    @EnumSource(BulkWriter.Mode.class)
    void everyTypeAndNullReadsBackAsWritten(BulkWriter.Mode mode, DataSource dataSource) throws SQLException {
        String table = "all_types_" + mode.name().toLowerCase();
        Db.execute(dataSource, "CREATE TABLE " + table + " (id int, u uuid, ts timestamptz, b boolean, s smallint,"
                + " i integer, l bigint, r real, d double precision, n numeric, t text, j jsonb)");

        BulkWriter writer = allTypesWriter(dataSource, table, mode).batchSize(4).build();
        try (writer) {
            for (int id = 0; id < ROWS.size(); id++) {
                Object[] row = new Object[TYPES.size() + 1];
                row[0] = id;
                System.arraycopy(ROWS.get(id), 0, row, 1, TYPES.size());
                writer.row(row);
            }
        }
        BulkWriteResult result = writer.result();

        assertThat(result.rowsCommitted()).isEqualTo(ROWS.size());
        assertThat(result.rowsWritten()).isEqualTo(ROWS.size());
        assertThat(result.batches()).isEqualTo(2);
        List<List<Object>> read = readBack(dataSource, table);
        for (int id = 0; id < ROWS.size(); id++) {
            assertThat(read.get(id)).as("row " + id).isEqualTo(expected(ROWS.get(id)));
        }
    }

    @Test
    void insertModeStoresTheSameRowsAsCopyMode(DataSource dataSource) throws SQLException {
        MetricRows.createHypertable(dataSource, "same_copy");
        MetricRows.createHypertable(dataSource, "same_insert");
        for (BulkWriter.Mode mode : BulkWriter.Mode.values()) {
            try (BulkWriter writer = MetricRows.writer(dataSource, "same_" + mode.name().toLowerCase()).mode(mode)
                    .batchSize(1_500).build()) {
                for (long n = 1; n <= 5_000; n++) {
                    writer.row(MetricRows.row(n));
                }
            }
        }

        assertThat(Db.single(dataSource, "SELECT count(*) FROM same_copy")).isEqualTo("5000");
        assertThat(Db.single(dataSource, "SELECT count(*) FROM same_insert")).isEqualTo("5000");
        assertThat(Db.rows(dataSource, "(SELECT * FROM same_copy EXCEPT ALL SELECT * FROM same_insert) UNION ALL"
                + " (SELECT * FROM same_insert EXCEPT ALL SELECT * FROM same_copy)")).isEmpty();
    }

    private static BulkWriter.Builder allTypesWriter(DataSource dataSource, String table, BulkWriter.Mode mode) {
        BulkWriter.Builder builder = BulkWriter.builder(dataSource, table).mode(mode).column("id", ColumnType.INTEGER);
        List<String> names = List.of("u", "ts", "b", "s", "i", "l", "r", "d", "n", "t", "j");
        for (int c = 0; c < TYPES.size(); c++) {
            builder.column(names.get(c), TYPES.get(c));
        }
        return builder;
    }

    /**
     * Reads the rows back, each value as a plain Java value; timestamps as exact seconds since 2000 (an interval's
     * epoch is exact, a timestamp's is rounded near the end of the range).
     */
    private static List<List<Object>> readBack(DataSource dataSource, String table) throws SQLException {
        String sql = "SELECT u, extract(epoch FROM ts - timestamptz '2000-01-01 00:00:00+00'), b, s::bigint, i::bigint, l, r, d, n, t, j::text FROM " + table
                + " ORDER BY id";
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                row.add(rs.getObject(1, UUID.class));
                row.add(rs.getBigDecimal(2) == null ? null : rs.getBigDecimal(2).stripTrailingZeros());
                row.add(rs.getObject(3, Boolean.class));
                for (int c = 4; c <= 6; c++) {
                    row.add(rs.getObject(c, Long.class));
                }
                row.add(rs.getObject(7, Float.class));
                row.add(rs.getObject(8, Double.class));
                row.add(rs.getBigDecimal(9));
                row.add(rs.getString(10));
                row.add(rs.getString(11));
                rows.add(row);
            }
        }
        return rows;
    }

    /** What the server should hold for a written row, in the form of {@link #readBack}. */
    private static List<Object> expected(Object[] written) {
        Object[] values = written.clone();
        if (values[1] != null) {
            Instant instant = values[1] instanceof Instant i ? i : values[1] instanceof OffsetDateTime o
                    ? o.toInstant() : ((ZonedDateTime) values[1]).toInstant();
            values[1] = BigDecimal.valueOf(instant.getEpochSecond() - 946_684_800L)
                    .add(BigDecimal.valueOf(instant.getNano() / 1_000, 6)).stripTrailingZeros();
        }
        for (int c = 3; c <= 5; c++) {
            values[c] = values[c] == null ? null : ((Number) values[c]).longValue();
        }
        values[7] = values[7] == null ? null : ((Number) values[7]).doubleValue();
        if (values[8] instanceof BigInteger big) {
            values[8] = new BigDecimal(big);
        } else if (values[8] instanceof Long l) {
            values[8] = BigDecimal.valueOf(l);
        } else if (values[8] instanceof BigDecimal d && d.scale() < 0) {
            values[8] = d.setScale(0);
        }
        return Arrays.asList(values);
    }
}
