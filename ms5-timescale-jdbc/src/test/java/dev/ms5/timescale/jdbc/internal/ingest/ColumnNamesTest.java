package dev.ms5.timescale.jdbc.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.jdbc.BulkWriterSetupException;
import org.junit.jupiter.api.Test;

/** Column names are read as SQL reads them. */
class ColumnNamesTest {

    @Test
    void unquotedNamesFoldToLowerCaseAndQuotedOnesAreTakenAsWritten() {
        assertThat(ColumnNames.parse("Value_Real", "t")).isEqualTo("value_real");
        assertThat(ColumnNames.parse(" ts ", "t")).isEqualTo("ts");
        assertThat(ColumnNames.parse("\"Value\"", "t")).isEqualTo("Value");
        assertThat(ColumnNames.parse("\"we\"\"ird.name\"", "t")).isEqualTo("we\"ird.name");
        assertThat(ColumnNames.parse("größe", "t")).isEqualTo("größe");
    }

    @Test
    void invalidNamesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ColumnNames.parse("value real", "metric_hist"))
                .isInstanceOf(BulkWriterSetupException.class)
                .hasMessage("bulk writer for metric_hist: column 'value real' is not a valid name: ' ' at position 6"
                        + " is not allowed in an unquoted name; write such a name in double quotes. Accepted:"
                        + " value_real, \"Value\" (unquoted names fold to lower case)");
        assertThatThrownBy(() -> ColumnNames.parse("t.ts", "m")).hasMessageContaining("'.' at position 2");
        assertThatThrownBy(() -> ColumnNames.parse("\"open", "m")).hasMessageContaining("has no closing quote");
        assertThatThrownBy(() -> ColumnNames.parse("\"a\".b", "m")).hasMessageContaining("a column name has one part");
        assertThatThrownBy(() -> ColumnNames.parse("1st", "m")).hasMessageContaining("'1' at position 1");
        assertThatThrownBy(() -> ColumnNames.parse("", "m")).hasMessageContaining("it is empty");
        assertThatThrownBy(() -> ColumnNames.parse("\"\"", "m")).hasMessageContaining("it is empty");
        assertThatThrownBy(() -> ColumnNames.parse("a".repeat(64), "m")).hasMessageContaining("longer than 63 bytes");
    }

    @Test
    void displayQuotesOnlyWhereSqlNeedsIt() {
        assertThat(ColumnNames.display("value_real")).isEqualTo("value_real");
        assertThat(ColumnNames.display("Value")).isEqualTo("\"Value\"");
        assertThat(ColumnNames.display("a\"b")).isEqualTo("\"a\"\"b\"");
    }
}
