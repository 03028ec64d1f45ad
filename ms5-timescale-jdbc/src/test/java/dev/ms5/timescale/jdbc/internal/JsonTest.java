package dev.ms5.timescale.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesEscapesSoNoValueCanBreakOutOfItsString() {
        assertThat(Json.write("a\"b\\c\nd\re\tf\u0001g\u2028h")).isEqualTo(
                "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u2028h\"");
    }

    @Test
    void writesCharactersBeyondTheBasicPlaneAsTheyAreAndLoneSurrogatesEscaped() {
        assertThat(Json.write("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
        assertThat(Json.write("x\uD83Dy")).isEqualTo("\"x\\ud83dy\"");
    }

    @Test
    void writesMapsListsNumbersTimesAndAbsentValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", 1L);
        map.put("d", new BigDecimal("1.50"));
        map.put("f", Double.NaN);
        map.put("b", true);
        map.put("none", null);
        map.put("empty", Optional.empty());
        map.put("at", Instant.parse("2026-11-30T10:00:00Z"));
        map.put("took", Duration.ofMillis(1500));
        map.put("list", List.of("x", 2));

        assertThat(Json.write(map)).isEqualTo("{\"n\":1,\"d\":1.50,\"f\":null,\"b\":true,\"none\":null,\"empty\":null,"
                + "\"at\":\"2026-11-30T10:00:00Z\",\"took\":\"PT1.5S\",\"list\":[\"x\",2]}");
    }

    @Test
    void readsWhatItWritesAndWhatPostgresqlWrites() {
        Object parsed = Json.parse("{\"oid\" : 17083, \"name\" : \"t\\u00e9\\\"\", \"a\" : [[\"x\", null], true, -1.5e2],"
                + " \"empty\" : {}}");

        assertThat(parsed).isEqualTo(Map.of("oid", new BigDecimal("17083"), "name", "t\u00e9\"",
                "a", List.of(Arrays.asList("x", null), true, new BigDecimal("-1.5e2")), "empty", Map.of()));
        String text = "a\"\n\uD83D\uDE00\u0000";
        assertThat(Json.parse(Json.write(text))).isEqualTo(text);
    }

    @Test
    void rejectsWhatIsNotJsonNamingTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessage("not JSON: expected ':' at offset 5");
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Json.parse("1 2")).hasMessageContaining("unexpected text");
    }
}
