package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.core.TransactionState;

/**
 * Each batch is one transaction: after a run the table holds exactly the rows written; after a failed batch it
 * holds exactly the batches before it, and the exception says so, so that writing again from its first row
 * loses and duplicates nothing. Connections come back as they were borrowed.
 */
@TimescaleTest
class BulkWriterBatchesIT {

    @Test
    void multiBatchRunWritesExactlyItsRowsAcrossChunks(DataSource dataSource) throws SQLException {
        MetricRows.createHypertable(dataSource, "multi");
        BulkWriter writer = MetricRows.writer(dataSource, "multi").batchSize(10_000).build();
        try (writer) {
            for (long n = 1; n <= 25_000; n++) {
                writer.row(MetricRows.row(n));
                if (n == 12_345) {
                    BulkWriteResult afterFlush = writer.flush();
                    assertThat(afterFlush.rowsCommitted()).isEqualTo(12_345);
                    assertThat(afterFlush.batches()).isEqualTo(2);
                }
            }
        }
        BulkWriteResult result = writer.result();

        assertThat(result.rowsCommitted()).isEqualTo(25_000);
        assertThat(result.rowsWritten()).isEqualTo(25_000);
        assertThat(result.duplicatesSkipped()).isZero();
        assertThat(result.batches()).isEqualTo(4); // 10,000 + 2,345 (flush) + 10,000 + 2,655 (close)
        assertThat(Db.single(dataSource, "SELECT count(*) || ' ' || count(DISTINCT value_int) || ' ' || min(value_int)"
                + " || ' ' || max(value_int) FROM multi")).isEqualTo("25000 25000 0 24999");
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'multi'")).isEqualTo("7"); // 25,000 s of 1-hour chunks
    }

    @Test
    void insertModeSplitsStatementsUnderTheBindParameterLimit(DataSource dataSource) throws SQLException {
        String columns = IntStream.range(0, 100).mapToObj(c -> "c" + c + " bigint").collect(Collectors.joining(", "));
        Db.execute(dataSource, "CREATE TABLE wide (" + columns + ")");
        BulkWriter.Builder builder = BulkWriter.builder(dataSource, "wide").mode(BulkWriter.Mode.INSERT);
        IntStream.range(0, 100).forEach(c -> builder.column("c" + c, ColumnType.BIGINT));

        try (BulkWriter writer = builder.batchSize(1_000).build()) { // 100,000 parameters in one batch
            for (long r = 0; r < 1_000; r++) {
                long row = r;
                writer.row(IntStream.range(0, 100).mapToObj(c -> row * 100 + c).toArray());
            }
        }

        assertThat(Db.single(dataSource, "SELECT count(*) || ' ' || sum(c0) || ' ' || sum(c99) FROM wide"))
                .isEqualTo("1000 49950000 50049000");
    }

    @ParameterizedTest(name = "{0}, onConflictDoNothing {1}")
    @CsvSource({"COPY, false", "INSERT, false", "COPY, true", "INSERT, true"})
    void failedBatchThreeOfFiveLeavesBatchesOneAndTwoAndSaysWhereToGoOn(BulkWriter.Mode mode, boolean conflict,
                                                                       DataSource dataSource) throws SQLException {
        String table = "fail_" + mode.name().toLowerCase() + (conflict ? "_conflict" : "");
        Db.execute(dataSource, "CREATE TABLE " + table + " (seq bigint NOT NULL, ts timestamptz NOT NULL,"
                        + " v double precision, UNIQUE (seq, ts))",
                "SELECT create_hypertable('" + table + "', by_range('ts', INTERVAL '1 hour'))");
        Borrowing borrowing = Borrowing.fresh(dataSource, true);

        BulkWriteException failure = null;
        long thrownAt = 0;
        try (BulkWriter writer = seqWriter(borrowing.dataSource(), table, mode, conflict)) {
            for (long n = 1; n <= 500 && failure == null; n++) {
                try {
                    writer.row(n, n == 250 ? null : ts(n), n * 0.5);
                } catch (BulkWriteException e) {
                    failure = e;
                    thrownAt = n;
                }
            }
            assertThatThrownBy(() -> writer.row(501L, ts(501), 0.0)).isInstanceOf(BulkWriterClosedException.class)
                    .hasMessageStartingWith("bulk writer for " + table + " accepts no more rows: batch 3 failed")
                    .hasMessageEndingWith("Write again from row 201 with a new writer").hasCause(failure);
            assertThat(writer.result().rowsCommitted()).isEqualTo(200);
        }

        assertThat(thrownAt).as("the row that completed batch 3").isEqualTo(300);
        assertThat(failure.committedRows()).isEqualTo(200);
        assertThat(failure.batch()).isEqualTo(3);
        assertThat(failure.firstRow()).isEqualTo(201);
        assertThat(failure.lastRow()).isEqualTo(300);
        assertThat(failure.sqlState()).isEqualTo("23502");
        assertThat(failure.commitOutcomeUnknown()).isFalse();
        assertThat(failure.getMessage()).startsWith("bulk writer for " + table + ": batch 3 (rows 201-300) failed and"
                        + " is not committed; rows 1-200 (batches 1-2) are committed. SQLState 23502: ")
                .containsIgnoringCase("null value in column \"ts\"")
                .endsWith("Correct the cause and write again from row 201 with a new writer");
        if (mode == BulkWriter.Mode.COPY && !conflict) {
            assertThat(failure.getMessage()).contains(" at row 250 (the server's COPY ");
        }
        assertThat(Db.single(dataSource, "SELECT count(*) || ' ' || min(seq) || ' ' || max(seq) FROM " + table))
                .isEqualTo("200 1 200");
        assertThat(borrowing.returned()).as("every connection given back as borrowed, the failed one too")
                .hasSize(4).allSatisfy(r -> assertThat(r).isEqualTo(new Borrowing.Returned(true,
                        TransactionState.IDLE)));

        try (BulkWriter again = seqWriter(dataSource, table, mode, conflict)) {
            for (long n = failure.firstRow(); n <= 500; n++) {
                again.row(n, ts(n), n * 0.5);
            }
        }
        assertThat(Db.single(dataSource, "SELECT count(*) || ' ' || count(DISTINCT seq) || ' ' || max(seq) FROM "
                + table)).isEqualTo("500 500 500");
    }

    @Test
    void connectionsOfAPoolWithoutAutoCommitComeBackWithoutAnOpenTransaction(DataSource dataSource)
            throws SQLException {
        MetricRows.createHypertable(dataSource, "no_autocommit");
        Borrowing borrowing = Borrowing.fresh(dataSource, false);

        try (BulkWriter writer = MetricRows.writer(borrowing.dataSource(), "no_autocommit").batchSize(100).build()) {
            for (long n = 1; n <= 250; n++) {
                writer.row(MetricRows.row(n));
            }
        }

        assertThat(borrowing.borrowed()).isEqualTo(4); // the catalog check, then one per batch
        assertThat(borrowing.returned()).hasSize(4).allSatisfy(r -> assertThat(r)
                .isEqualTo(new Borrowing.Returned(false, TransactionState.IDLE)));
        assertThat(Db.single(dataSource, "SELECT count(*) FROM no_autocommit")).isEqualTo("250");
    }

    private static BulkWriter seqWriter(DataSource dataSource, String table, BulkWriter.Mode mode, boolean conflict) {
        return BulkWriter.builder(dataSource, table).mode(mode).onConflictDoNothing(conflict).batchSize(100)
                .column("seq", ColumnType.BIGINT).column("ts", ColumnType.TIMESTAMPTZ).column("v", ColumnType.DOUBLE)
                .build();
    }

    private static Instant ts(long n) {
        return MetricRows.START.plusSeconds(n);
    }
}
