package dev.ms5.timescale.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatItWrites() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "a \"quoted\"\nline\t\u0001");
        value.put("list", Arrays.asList(1.5, true, null, List.of()));
        value.put("empty", Map.of());

        assertThat(Json.parse(Json.write(value, ""))).isEqualTo(value);
    }

    @Test
    void readsJmhsUnquotedNaN() {
        assertThat(Json.parse("{\"score\": NaN, \"u\": \"\\u00e9\"}"))
                .isEqualTo(Map.of("score", Double.NaN, "u", "\u00e9"));
    }

    @Test
    void saysWhereTheTextIsNotJson() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).hasMessageContaining("at offset 8");
    }

    @Test
    void writesNaNAsNull() {
        assertThat(Json.write(List.of(Double.NaN), "")).isEqualTo("[\n  null\n]");
    }
}
