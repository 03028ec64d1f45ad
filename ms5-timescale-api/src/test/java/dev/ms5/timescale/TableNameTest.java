package dev.ms5.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableNameTest {

    private static final String ACCEPTED = ". Accepted: metric_hist, public.metric_hist or \"MixedCase\"";

    @Test
    void parsesAPlainName() {
        TableName table = TableName.parse("metric_hist");

        assertThat(table).isEqualTo(new TableName(Optional.empty(), "metric_hist"));
        assertThat(table).hasToString("metric_hist");
    }

    @Test
    void parsesASchemaQualifiedName() {
        TableName table = TableName.parse("public.metric_hist");

        assertThat(table.schema()).contains("public");
        assertThat(table.name()).isEqualTo("metric_hist");
        assertThat(table).hasToString("public.metric_hist");
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(TableName.parse("  public.metric_hist\t")).isEqualTo(TableName.parse("public.metric_hist"));
    }

    @Test
    void foldsUnquotedMixedCaseToLowerCase() {
        TableName table = TableName.parse("Public.Metric_Hist");

        assertThat(table.schema()).contains("public");
        assertThat(table.name()).isEqualTo("metric_hist");
        assertThat(table).hasToString("public.metric_hist");
    }

    @Test
    void keepsQuotedMixedCase() {
        TableName table = TableName.parse("\"Sensors\".\"MixedCase\"");

        assertThat(table.schema()).contains("Sensors");
        assertThat(table.name()).isEqualTo("MixedCase");
        assertThat(table).hasToString("\"Sensors\".\"MixedCase\"");
    }

    @Test
    void quotedNamesMayHoldSpacesDotsAndSemicolons() {
        TableName table = TableName.parse("\"my table.v2; x\"");

        assertThat(table.schema()).isEmpty();
        assertThat(table.name()).isEqualTo("my table.v2; x");
        assertThat(table).hasToString("\"my table.v2; x\"");
    }

    @Test
    void readsDoubledQuotesAsOneQuote() {
        TableName table = TableName.parse("\"a\"\"b\"");

        assertThat(table.name()).isEqualTo("a\"b");
        assertThat(table).hasToString("\"a\"\"b\"");
    }

    @Test
    void acceptsNonAsciiLettersAndFoldsOnlyAsciiLettersAsPostgresqlDoes() {
        assertThat(TableName.parse("größe").name()).isEqualTo("größe");
        assertThat(TableName.parse("ÄRGER").name()).isEqualTo("Ärger");
        assertThat(TableName.parse("größe")).hasToString("\"größe\"");
    }

    @Test
    void acceptsReservedWordsAsTheCatalogStoresThem() {
        assertThat(TableName.parse("\"select\"").name()).isEqualTo("select");
        assertThat(TableName.parse("public.\"order\"").name()).isEqualTo("order");
        assertThat(TableName.parse("user").name()).isEqualTo("user");
    }

    @Test
    void acceptsDigitsAndDollarAfterTheFirstCharacter() {
        assertThat(TableName.parse("_t1$x").name()).isEqualTo("_t1$x");
    }

    @Test
    void quotesOnlyWhereNeeded() {
        assertThat(new TableName(Optional.of("public"), "metric_hist")).hasToString("public.metric_hist");
        assertThat(new TableName(Optional.empty(), "1st")).hasToString("\"1st\"");
        assertThat(new TableName(Optional.empty(), "has space")).hasToString("\"has space\"");
        assertThat(new TableName(Optional.of("My"), "t")).hasToString("\"My\".t");
    }

    @Test
    void parsesWhatToStringWrites() {
        for (String text : new String[] {"public.metric_hist", "\"My Schema\".\"a\"\"b\"", "\"größe\"", "\"1st\""}) {
            TableName table = TableName.parse(text);
            assertThat(TableName.parse(table.toString())).isEqualTo(table);
        }
    }

    @Test
    void rejectsSqlInjection() {
        assertThatThrownBy(() -> TableName.parse("x\"; DROP TABLE y;--"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table 'x\"; DROP TABLE y;--' is not a valid name: '\"' at position 2 is not allowed in"
                        + " an unquoted name; write such a name in double quotes" + ACCEPTED);
    }

    @Test
    void rejectsAQuoteInsideAnUnquotedName() {
        assertThatThrownBy(() -> TableName.parse("a\"b"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table 'a\"b' is not a valid name: '\"' at position 2 is not allowed in an unquoted"
                        + " name; write such a name in double quotes" + ACCEPTED);
    }

    @Test
    void rejectsTextAfterAClosingQuote() {
        assertThatThrownBy(() -> TableName.parse("\"a\"b"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table '\"a\"b' is not a valid name: unexpected 'b' at position 4" + ACCEPTED);
    }

    @Test
    void rejectsAnUnclosedQuote() {
        assertThatThrownBy(() -> TableName.parse("public.\"Metric"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table 'public.\"Metric' is not a valid name: the quoted name starting at position 8"
                        + " has no closing quote" + ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsAnEmptyName(String text) {
        assertThatThrownBy(() -> TableName.parse(text))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table '" + text + "' is not a valid name: it is empty" + ACCEPTED);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> TableName.parse(null))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table 'null' is not a valid name: it is empty" + ACCEPTED);
    }

    @Test
    void rejectsAnEmptyQuotedName() {
        assertThatThrownBy(() -> TableName.parse("public.\"\""))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table 'public.\"\"' is not a valid name: a part of it is empty" + ACCEPTED);
    }

    @Test
    void rejectsALeadingDot() {
        assertThatThrownBy(() -> TableName.parse(".metric_hist"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table '.metric_hist' is not a valid name: a part of it is empty" + ACCEPTED);
    }

    @Test
    void rejectsATrailingDot() {
        assertThatThrownBy(() -> TableName.parse("metric_hist."))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table 'metric_hist.' is not a valid name: unexpected '.' at position 12" + ACCEPTED);
    }

    @Test
    void rejectsThreeParts() {
        assertThatThrownBy(() -> TableName.parse("db.public.metric_hist"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table 'db.public.metric_hist' is not a valid name: it has 3 dotted parts, at most 2"
                        + " are accepted" + ACCEPTED);
    }

    @Test
    void acceptsSixtyThreeBytes() {
        String name = "a".repeat(63);

        assertThat(TableName.parse(name).name()).isEqualTo(name);
        assertThat(TableName.parse("ä".repeat(31) + "a").name()).hasSize(32);
    }

    @Test
    void rejectsNamesOverSixtyThreeBytes() {
        String name = "a".repeat(64);

        assertThatThrownBy(() -> TableName.parse("public." + name))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table 'public." + name + "' is not a valid name: '" + name + "' is longer than 63"
                        + " bytes, and PostgreSQL would truncate it to name another relation" + ACCEPTED);
    }

    @Test
    void countsMultibyteCharactersInBytes() {
        String name = "ä".repeat(32); // 32 characters, 64 bytes in UTF-8

        assertThatThrownBy(() -> TableName.parse("\"" + name + "\""))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("'" + name + "' is longer than 63 bytes");
    }

    @Test
    void rejectsNulInAQuotedName() {
        assertThatThrownBy(() -> TableName.parse("\"a\u0000b\""))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table '\"a\u0000b\"' is not a valid name: it contains a NUL character" + ACCEPTED);
    }

    @Test
    void rejectsNulInAnUnquotedNameWithoutAdvisingQuotes() {
        // Quoting cannot help: PostgreSQL allows NUL in no name. The message must say what is wrong.
        assertThatThrownBy(() -> TableName.parse("a\u0000b"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("it contains a NUL character")
                .hasMessageNotContaining("write such a name in double quotes");
    }

    @Test
    void constructorRejectsWhatParseWould() {
        assertThatThrownBy(() -> new TableName(Optional.of(""), "t"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table name parts must not be empty; accepted: metric_hist, public.metric_hist or"
                        + " \"MixedCase\"");
        assertThatThrownBy(() -> new TableName(Optional.empty(), "a\u0000b"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table name part 'a\u0000b' is over 63 bytes or contains NUL; PostgreSQL cannot name"
                        + " such a table");
    }
}
