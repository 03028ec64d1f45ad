package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A writer that does not fit its table is refused when it is built, naming what the table has; a row that
 * cannot be written is refused before anything of it is sent.
 */
@TimescaleTest
class BulkWriterBadInputIT {

    @BeforeAll
    static void createTables(DataSource dataSource) throws SQLException {
        MetricRows.createHypertable(dataSource, "metric_hist");
        Db.execute(dataSource, "CREATE VIEW recent AS SELECT * FROM metric_hist",
                "CREATE TABLE odd (ts timestamptz, span interval, total numeric GENERATED ALWAYS AS (1) STORED)");
    }

    @Test
    void unknownColumnAndWrongTypeAreNamedWithTheTablesRealColumns(DataSource dataSource) {
        assertThatThrownBy(() -> BulkWriter.builder(dataSource, "metric_hist")
                .column("metric_def_id", ColumnType.UUID)
                .column("value_intt", ColumnType.BIGINT)
                .column("Value_Real", ColumnType.REAL)
                .build())
                .isInstanceOf(BulkWriterSetupException.class)
                .hasMessage("bulk writer for metric_hist: the declared columns do not match \"public\".\"metric_hist\":"
                        + " column value_intt does not exist; column value_real is double precision, declared REAL;"
                        + " declare it as ColumnType.DOUBLE. Its columns: metric_def_id uuid, ts timestamp with time"
                        + " zone, value_bool boolean, value_int bigint, value_real double precision, value_text text,"
                        + " value_json jsonb. Correct the .column(...) declarations");
    }

    @Test
    void unsupportedAndGeneratedColumnsAreRefused(DataSource dataSource) {
        assertThatThrownBy(() -> BulkWriter.builder(dataSource, "odd").column("span", ColumnType.TEXT)
                .column("total", ColumnType.NUMERIC).build())
                .isInstanceOf(BulkWriterSetupException.class)
                .hasMessageContaining("column span is interval, declared TEXT; the bulk writer cannot write interval;"
                        + " leave the column out; column total is generated; leave it out, the server computes it");
    }

    @Test
    void missingTableAndViewAreNotFound(DataSource dataSource, TimescaleDatabase database) {
        assertThatThrownBy(() -> BulkWriter.builder(dataSource, "factory_telemetry.metric_hist")
                .column("ts", ColumnType.TIMESTAMPTZ).build())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessage("bulk writer: table factory_telemetry.metric_hist does not exist in database "
                        + database.name() + " (looked up through the search_path when no schema is given). Create it"
                        + " first, or correct the name given to BulkWriter.builder");
        assertThatThrownBy(() -> BulkWriter.builder(dataSource, "recent").column("ts", ColumnType.TIMESTAMPTZ).build())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("recent is not a table (relkind 'v')");
    }

    @Test
    void rejectedRowsSendNothingAndTakeNoRowNumber(DataSource dataSource) throws SQLException {
        Borrowing borrowing = Borrowing.fresh(dataSource, true);
        try (BulkWriter writer = MetricRows.writer(borrowing.dataSource(), "metric_hist").build()) {
            InvalidRowException arity = catchThrowableOfType(InvalidRowException.class,
                    () -> writer.row(UUID.randomUUID(), Instant.now()));
            InvalidRowException type = catchThrowableOfType(InvalidRowException.class,
                    () -> writer.row("not-a-uuid", Instant.now(), true, 1L, 1.0, "t", null));
            InvalidRowException nul = catchThrowableOfType(InvalidRowException.class,
                    () -> writer.row(UUID.randomUUID(), Instant.now(), true, 1L, 1.0, "a\u0000b", null));

            assertThat(arity.getMessage()).contains("row 1 rejected, nothing of it sent: 2 values given for 7 columns");
            assertThat(type.getMessage()).contains("row 1 rejected, nothing of it sent: column metric_def_id (UUID)"
                    + " cannot take a java.lang.String; accepted: UUID or null");
            assertThat(nul.column()).contains("value_text");
            assertThat(borrowing.borrowed()).as("only the catalog check borrowed a connection").isEqualTo(1);

            writer.row(MetricRows.row(1));
            InvalidRowException second = catchThrowableOfType(InvalidRowException.class,
                    () -> writer.row(UUID.randomUUID(), 1L, null, null, null, null, null));
            assertThat(second.row()).isEqualTo(2);
            assertThat(second.getMessage()).contains("row 2 rejected");
        }

        assertThat(borrowing.borrowed()).as("the one good row, sent at close").isEqualTo(2);
        assertThat(Db.single(dataSource, "SELECT count(*) FROM metric_hist")).isEqualTo("1");
    }
}
