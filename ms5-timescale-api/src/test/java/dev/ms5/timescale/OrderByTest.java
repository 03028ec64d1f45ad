package dev.ms5.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderByTest {

    @Test
    void aBareColumnSortsAscendingWithNullsLast() {
        OrderBy order = OrderBy.parse("ts");

        assertThat(order).isEqualTo(new OrderBy("ts", false, false)).isEqualTo(OrderBy.asc("ts"));
        assertThat(order).hasToString("ts");
    }

    @Test
    void descendingSortsNullsFirstByDefault() {
        OrderBy order = OrderBy.parse("ts DESC");

        assertThat(order).isEqualTo(new OrderBy("ts", true, true)).isEqualTo(OrderBy.desc("ts"));
        assertThat(order).hasToString("ts DESC");
    }

    @Test
    void readsLowerCaseKeywordsAndNamesNullsOnlyWhenNotTheDefault() {
        OrderBy order = OrderBy.parse("ts asc nulls first");

        assertThat(order).isEqualTo(new OrderBy("ts", false, true));
        assertThat(order).hasToString("ts NULLS FIRST");
    }

    @Test
    void keepsAQuotedColumnAndExplicitNullsLast() {
        OrderBy order = OrderBy.parse("\"Ts\" DESC NULLS LAST");

        assertThat(order).isEqualTo(new OrderBy("Ts", true, false));
        assertThat(order).hasToString("\"Ts\" DESC NULLS LAST");
    }

    @Test
    void foldsAnUnquotedColumnToLowerCase() {
        assertThat(OrderBy.parse("Value ASC")).isEqualTo(OrderBy.asc("value"));
    }

    @Test
    void acceptsNullsWithoutDirection() {
        assertThat(OrderBy.parse("value NULLS LAST")).isEqualTo(OrderBy.asc("value"));
        assertThat(OrderBy.parse("value NULLS FIRST")).hasToString("value NULLS FIRST");
    }

    @Test
    void toleratesExtraWhitespace() {
        assertThat(OrderBy.parse("  ts   desc   nulls   last ")).isEqualTo(new OrderBy("ts", true, false));
    }

    @Test
    void aQuotedColumnMayHoldSpacesAndQuotes() {
        assertThat(OrderBy.parse("\"my \"\"ts\"\"\" DESC")).isEqualTo(OrderBy.desc("my \"ts\""));
        assertThat(OrderBy.desc("my \"ts\"")).hasToString("\"my \"\"ts\"\"\" DESC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ts DESCENDING", "ts up", "ts DESC NULLS", "ts NULLS MIDDLE", "ts ASC DESC",
        "ts DESC NULLS FIRST LAST", "ts NULLS FIRST DESC"})
    void rejectsOtherWords(String text) {
        assertThatThrownBy(() -> OrderBy.parse(text))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("order-by '" + text + "' is not 'column [ASC|DESC] [NULLS FIRST|LAST]'; accepted: ts DESC,"
                        + " value ASC, \"Ts\" DESC NULLS LAST");
    }

    @Test
    void rejectsAnInvalidColumn() {
        assertThatThrownBy(() -> OrderBy.parse("t;s DESC"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("order-by column 't;s' is not a valid name: ';' at position 2 is not allowed in an"
                        + " unquoted name; write such a name in double quotes. Accepted: ts DESC, value ASC,"
                        + " \"Ts\" DESC NULLS LAST");
    }

    @Test
    void rejectsAQualifiedColumn() {
        assertThatThrownBy(() -> OrderBy.parse("m.ts DESC"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("order-by column 'm.ts' is not a valid name: it has 2 dotted parts, at most 1"
                        + " are accepted");
    }

    @Test
    void rejectsAnEmptyText() {
        assertThatThrownBy(() -> OrderBy.parse(" "))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("order-by column '' is not a valid name: it is empty");
    }

    @Test
    void constructorRejectsAnEmptyColumn() {
        assertThatThrownBy(() -> new OrderBy("", true, true))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("order-by column must not be empty; accepted: ts DESC, value ASC, \"Ts\" DESC NULLS LAST");
    }
}
