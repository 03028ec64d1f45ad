package dev.ms5.timescale.jdbc.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The text INSERT mode binds for timestamps is what COPY writes: UTC, microseconds, BC years spelled out. */
class ValuesTest {

    @Test
    void timestampTextIsUtcWithMicroseconds() {
        assertThat(Values.timestampText(Instant.parse("2024-05-01T12:34:56.123456789Z")))
                .isEqualTo("2024-05-01 12:34:56.123456+00");
        assertThat(Values.timestampText(Instant.parse("1969-12-31T23:59:59.9999999Z")))
                .isEqualTo("1969-12-31 23:59:59.999999+00");
        assertThat(Values.timestampText(Instant.parse("0099-01-02T03:04:05Z")))
                .isEqualTo("0099-01-02 03:04:05.000000+00");
    }

    @Test
    void timestampTextSpellsOutTheEraAtBothEndsOfTheRange() {
        assertThat(Values.timestampText(Instant.parse("-4713-11-24T00:00:00Z")))
                .isEqualTo("4714-11-24 00:00:00.000000+00 BC");
        assertThat(Values.timestampText(Instant.parse("0000-12-31T23:59:59Z")))
                .isEqualTo("0001-12-31 23:59:59.000000+00 BC");
        assertThat(Values.timestampText(Instant.parse("+294276-12-31T23:59:59.999999Z")))
                .isEqualTo("294276-12-31 23:59:59.999999+00");
    }
}
