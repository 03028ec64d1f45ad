package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** With onConflictDoNothing, rows written again are skipped and counted, so a retried batch duplicates nothing. */
@TimescaleTest
class BulkWriterConflictIT {

    @ParameterizedTest
    @EnumSource(BulkWriter.Mode.class)
    void rowsWrittenTwiceAreSkippedAndReported(BulkWriter.Mode mode, DataSource dataSource) throws SQLException {
        String table = "twice_" + mode.name().toLowerCase();
        MetricRows.createHypertable(dataSource, table);
        Db.execute(dataSource, "CREATE UNIQUE INDEX ON " + table + " (metric_def_id, ts)");

        BulkWriteResult first = write(dataSource, table, mode, 1, 1_000);
        BulkWriteResult second = write(dataSource, table, mode, 501, 1_500); // rows 501-1,000 again

        assertThat(first.rowsCommitted()).isEqualTo(1_000);
        assertThat(first.rowsWritten()).isEqualTo(1_000);
        assertThat(first.duplicatesSkipped()).isZero();
        assertThat(second.rowsCommitted()).isEqualTo(1_000);
        assertThat(second.rowsWritten()).isEqualTo(500);
        assertThat(second.duplicatesSkipped()).isEqualTo(500);
        assertThat(second.batches()).isEqualTo(4); // 300 rows each, the last 100
        assertThat(Db.single(dataSource, "SELECT count(*) || ' ' || count(DISTINCT value_int) || ' ' || max(value_int)"
                + " FROM " + table)).isEqualTo("1500 1500 1499");
    }

    @Test
    void duplicatesWithinOneBatchAreSkippedToo(DataSource dataSource) throws SQLException {
        MetricRows.createHypertable(dataSource, "same_batch");
        Db.execute(dataSource, "ALTER TABLE same_batch ADD PRIMARY KEY (metric_def_id, ts)");

        BulkWriter writer = MetricRows.writer(dataSource, "same_batch").onConflictDoNothing(true).build();
        try (writer) {
            writer.row(MetricRows.row(1));
            writer.row(MetricRows.row(1));
            writer.row(MetricRows.row(2));
        }
        BulkWriteResult result = writer.result();

        assertThat(result.rowsCommitted()).isEqualTo(3);
        assertThat(result.rowsWritten()).isEqualTo(2);
        assertThat(result.duplicatesSkipped()).isEqualTo(1);
        assertThat(Db.single(dataSource, "SELECT count(*) FROM same_batch")).isEqualTo("2");
    }

    @Test
    void stagingTableIsGoneAfterEachBatch(DataSource dataSource) throws SQLException {
        MetricRows.createHypertable(dataSource, "staged");
        Db.execute(dataSource, "CREATE UNIQUE INDEX ON staged (metric_def_id, ts)");
        Borrowing pool = Borrowing.single(dataSource);
        try (BulkWriter writer = MetricRows.writer(pool.dataSource(), "staged").onConflictDoNothing(true)
                .batchSize(10).build()) {
            for (long n = 1; n <= 25; n++) {
                writer.row(MetricRows.row(n));
            }
        }

        try (var statement = pool.shared().createStatement();
             var rs = statement.executeQuery("SELECT count(*) FROM pg_class WHERE relname = 'ms5_bulk_staging'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("staging tables left in the pooled session").isZero();
        } finally {
            pool.shared().close();
        }
        assertThat(Db.single(dataSource, "SELECT count(*) FROM staged")).isEqualTo("25");
    }

    @Test
    void tableWithoutUniqueIndexIsRefusedNamingTheFix(DataSource dataSource) throws SQLException {
        MetricRows.createHypertable(dataSource, "no_unique");

        assertThatThrownBy(() -> MetricRows.writer(dataSource, "no_unique").onConflictDoNothing(true).build())
                .isInstanceOf(BulkWriterSetupException.class)
                .hasMessage("bulk writer for no_unique: onConflictDoNothing needs a unique index or primary key on"
                        + " columns the writer writes, to know which rows exist already; \"public\".\"no_unique\" has"
                        + " no unique index (deferrable ones cannot serve). Create one, e.g. CREATE UNIQUE INDEX ON"
                        + " \"public\".\"no_unique\" (<key columns>, <time column>), or write without"
                        + " onConflictDoNothing");
    }

    @Test
    void uniqueIndexOnAColumnTheWriterLeavesOutCannotServe(DataSource dataSource) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE keyed (id bigint GENERATED ALWAYS AS IDENTITY, ts timestamptz NOT NULL,"
                + " v double precision, PRIMARY KEY (id, ts))");

        assertThatThrownBy(() -> BulkWriter.builder(dataSource, "keyed").column("ts", ColumnType.TIMESTAMPTZ)
                .column("v", ColumnType.DOUBLE).onConflictDoNothing(true).build())
                .isInstanceOf(BulkWriterSetupException.class)
                .hasMessageContaining("\"public\".\"keyed\" has only keyed_pkey on (id, ts) needs id, which the writer"
                        + " does not write (a row written again would not conflict)");
    }

    private static BulkWriteResult write(DataSource dataSource, String table, BulkWriter.Mode mode, long from,
                                         long to) {
        BulkWriter writer = MetricRows.writer(dataSource, table).mode(mode).onConflictDoNothing(true)
                .batchSize(300).build();
        try (writer) {
            for (long n = from; n <= to; n++) {
                writer.row(MetricRows.row(n));
            }
        }
        return writer.result();
    }
}
