package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.InvalidPolicyException;
import java.lang.reflect.Proxy;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A writer described wrongly is refused before any connection is borrowed. */
class BulkWriterBuilderTest {

    /** Fails the test if anything asks it for a connection. */
    private static final DataSource UNTOUCHABLE = (DataSource) Proxy.newProxyInstance(
            BulkWriterBuilderTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                throw new AssertionError("the builder used the DataSource: " + method.getName());
            });

    @Test
    void columnDeclaredTwiceUnderTwoSpellingsIsRefused() {
        BulkWriter.Builder builder = BulkWriter.builder(UNTOUCHABLE, "metric_hist").column("ts", ColumnType.TIMESTAMPTZ);

        assertThatThrownBy(() -> builder.column("TS", ColumnType.TIMESTAMPTZ))
                .isInstanceOf(BulkWriterSetupException.class)
                .hasMessage("bulk writer for metric_hist: column ts is declared twice; declare each column once");
    }

    @Test
    void aColumnWithoutTypeIsRefusedAndNotDeclared() {
        BulkWriter.Builder builder = BulkWriter.builder(UNTOUCHABLE, "metric_hist");

        assertThatThrownBy(() -> builder.column("ts", null)).isInstanceOf(BulkWriterSetupException.class)
                .hasMessage("bulk writer for metric_hist: column ts has no type; pass its ColumnType, e.g."
                        + " ColumnType.TEXT");
        builder.column("ts", ColumnType.TIMESTAMPTZ);
    }

    @Test
    void noColumnsAndNonPositiveBatchSizeAreRefused() {
        assertThatThrownBy(() -> BulkWriter.builder(UNTOUCHABLE, "metric_hist").build())
                .isInstanceOf(BulkWriterSetupException.class)
                .hasMessage("bulk writer for metric_hist: no column is declared; declare each written column with"
                        + " .column(name, ColumnType)");
        assertThatThrownBy(() -> BulkWriter.builder(UNTOUCHABLE, "metric_hist").batchSize(0))
                .isInstanceOf(BulkWriterSetupException.class)
                .hasMessage("bulk writer for metric_hist: batchSize 0 is not positive; use at least 1 (default: 10,000)");
    }

    @Test
    void invalidNamesAreRefusedAsSqlWouldReadThem() {
        assertThatThrownBy(() -> BulkWriter.builder(UNTOUCHABLE, "metric hist"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("table 'metric hist' is not a valid");
        assertThatThrownBy(() -> BulkWriter.builder(UNTOUCHABLE, "m").column("value real", ColumnType.DOUBLE))
                .isInstanceOf(BulkWriterSetupException.class)
                .hasMessageContaining("column 'value real' is not a valid name");
    }

    @Test
    void columnTypesAcceptOnlyLosslessJavaTypes() {
        assertThat(ColumnType.BIGINT.accepts(1)).isTrue();
        assertThat(ColumnType.INTEGER.accepts(1L)).isFalse();
        assertThat(ColumnType.NUMERIC.accepts(1.0)).isFalse();
        assertThat(ColumnType.TIMESTAMPTZ.accepts(java.time.LocalDateTime.now())).isFalse();
        assertThat(ColumnType.values()).allSatisfy(t -> assertThat(t.accepts(null)).isTrue());
        assertThat(ColumnType.TIMESTAMPTZ.javaTypes()).isEqualTo(List.of(java.time.Instant.class,
                java.time.OffsetDateTime.class, java.time.ZonedDateTime.class));
    }
}
