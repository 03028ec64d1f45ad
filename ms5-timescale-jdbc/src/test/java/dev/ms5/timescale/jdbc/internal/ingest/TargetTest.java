package dev.ms5.timescale.jdbc.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.jdbc.ColumnType;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The SQL the writer sends quotes every name and binds every value. */
class TargetTest {

    private final Target target = new Target("\"Odd\"\"Schema\".t", "Odd\"Schema", "t; DROP TABLE x",
            List.of("ts", "we\"ird"), List.of(ColumnType.TIMESTAMPTZ, ColumnType.JSONB));

    @Test
    void copyQuotesTableAndColumns() {
        assertThat(target.copySql(false)).isEqualTo("COPY \"Odd\"\"Schema\".\"t; DROP TABLE x\" (\"ts\","
                + " \"we\"\"ird\") FROM STDIN (FORMAT binary)");
        assertThat(target.copySql(true)).isEqualTo("COPY pg_temp.\"ms5_bulk_staging\" (\"ts\", \"we\"\"ird\")"
                + " FROM STDIN (FORMAT binary)");
    }

    @Test
    void stagingHoldsOnlyTheDeclaredColumnsAndIsDroppedAtCommit() {
        assertThat(target.stagingSql()).isEqualTo("CREATE TEMP TABLE \"ms5_bulk_staging\" ON COMMIT DROP AS SELECT"
                + " \"ts\", \"we\"\"ird\" FROM ONLY \"Odd\"\"Schema\".\"t; DROP TABLE x\" WITH NO DATA");
        assertThat(target.fromStagingSql()).isEqualTo("INSERT INTO \"Odd\"\"Schema\".\"t; DROP TABLE x\" (\"ts\","
                + " \"we\"\"ird\") SELECT \"ts\", \"we\"\"ird\" FROM pg_temp.\"ms5_bulk_staging\" ON CONFLICT DO"
                + " NOTHING");
    }

    @Test
    void insertHasOnePlaceholderPerValue() {
        assertThat(target.insertSql(2, true)).isEqualTo("INSERT INTO \"Odd\"\"Schema\".\"t; DROP TABLE x\" (\"ts\","
                + " \"we\"\"ird\") VALUES (CAST(? AS timestamptz), CAST(? AS jsonb)), (CAST(? AS timestamptz),"
                + " CAST(? AS jsonb)) ON CONFLICT DO NOTHING");
    }

    @Test
    void insertStatementsStayUnderTheBindParameterLimit() {
        List<ColumnType> wide = Collections.nCopies(100, ColumnType.BIGINT);
        Target hundred = new Target("w", "public", "w", IntStream.range(0, 100).mapToObj(i -> "c" + i).toList(), wide);

        assertThat(new InsertBatch(hundred, false, 10_000).rowsPerStatement()).isEqualTo(655); // 65,535 / 100
        assertThat(new InsertBatch(target, false, 10_000).rowsPerStatement())
                .isEqualTo(InsertBatch.MAX_ROWS_PER_STATEMENT);
        assertThat(new InsertBatch(target, false, 10).rowsPerStatement()).isEqualTo(10);
    }
}
