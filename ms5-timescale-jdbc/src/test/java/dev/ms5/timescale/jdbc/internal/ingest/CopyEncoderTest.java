package dev.ms5.timescale.jdbc.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.jdbc.ColumnType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The binary COPY bytes of each type, checked by hand against PostgreSQL's binary receive functions. */
class CopyEncoderTest {

    @Test
    void streamHasHeaderTuplesAndTrailer() throws SQLException {
        CopyBuffer buffer = new CopyBuffer();
        new CopyEncoder(List.of(ColumnType.INTEGER, ColumnType.BOOLEAN)).tuple(new Object[] {7, null}, buffer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyBuffer.Sink sink = (bytes, length) -> out.write(bytes, 0, length);

        CopyEncoder.header(sink);
        buffer.drainTo(sink);
        CopyEncoder.trailer(sink);

        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(
                "5047434f50590aff0d0a00" // PGCOPY\n\377\r\n\0
                        + "00000000" + "00000000" // flags, header extension length
                        + "0002" + "00000004" + "00000007" + "ffffffff" // 2 fields: int 7, NULL
                        + "ffff"); // trailer
    }

    @Test
    void nullIsLengthMinusOneForEveryType() {
        for (ColumnType type : ColumnType.values()) {
            assertThat(field(type, null)).as(type.name()).isEqualTo("ffffffff");
        }
    }

    @Test
    void uuidIsSixteenBytesMostSignificantFirst() {
        assertThat(field(ColumnType.UUID, UUID.fromString("00112233-4455-6677-8899-aabbccddeeff")))
                .isEqualTo("00000010" + "00112233445566778899aabbccddeeff");
    }

    @Test
    void timestamptzIsMicrosecondsSince2000() {
        assertThat(field(ColumnType.TIMESTAMPTZ, Instant.parse("2000-01-01T00:00:00Z")))
                .isEqualTo("00000008" + "0000000000000000");
        assertThat(field(ColumnType.TIMESTAMPTZ, Instant.parse("2000-01-01T00:00:00.000001Z")))
                .isEqualTo("00000008" + "0000000000000001");
        assertThat(field(ColumnType.TIMESTAMPTZ, Instant.parse("1999-12-31T23:59:59.999999Z")))
                .isEqualTo("00000008" + "ffffffffffffffff");
        assertThat(field(ColumnType.TIMESTAMPTZ, Instant.EPOCH)) // -946,684,800,000,000
                .isEqualTo("00000008" + "fffca2fec4c82000");
    }

    @Test
    void timestamptzTruncatesNanosecondsTowardThePast() {
        assertThat(field(ColumnType.TIMESTAMPTZ, Instant.parse("2000-01-01T00:00:00.000001999Z")))
                .isEqualTo("00000008" + "0000000000000001");
        assertThat(field(ColumnType.TIMESTAMPTZ, Instant.parse("1999-12-31T23:59:59.999999999Z")))
                .isEqualTo("00000008" + "ffffffffffffffff");
    }

    @Test
    void timestamptzOfOffsetAndZonedValuesIsTheirInstant() {
        String midnight2000 = "00000008" + "0000000000000000";
        assertThat(field(ColumnType.TIMESTAMPTZ, OffsetDateTime.parse("2000-01-01T02:00:00+02:00")))
                .isEqualTo(midnight2000);
        assertThat(field(ColumnType.TIMESTAMPTZ, ZonedDateTime.of(1999, 12, 31, 19, 0, 0, 0,
                ZoneId.of("America/New_York")))).isEqualTo(midnight2000);
    }

    @Test
    void timestamptzLimitsAreThoseOfPostgres() {
        assertThat(field(ColumnType.TIMESTAMPTZ, Instant.parse("-4713-11-24T00:00:00Z"))) // 4714-11-24 BC
                .isEqualTo("00000008" + "fd0f7cc1411fa000");
        assertThat(field(ColumnType.TIMESTAMPTZ, Instant.parse("+294276-12-31T23:59:59.999999Z")))
                .isEqualTo("00000008" + "7fffff5bb3b29fff");
    }

    @Test
    void booleanIsOneByte() {
        assertThat(field(ColumnType.BOOLEAN, true)).isEqualTo("00000001" + "01");
        assertThat(field(ColumnType.BOOLEAN, false)).isEqualTo("00000001" + "00");
    }

    @Test
    void integersAreBigEndianAndNarrowerJavaTypesWiden() {
        assertThat(field(ColumnType.SMALLINT, (short) -2)).isEqualTo("00000002" + "fffe");
        assertThat(field(ColumnType.SMALLINT, (byte) 5)).isEqualTo("00000002" + "0005");
        assertThat(field(ColumnType.INTEGER, 0x01020304)).isEqualTo("00000004" + "01020304");
        assertThat(field(ColumnType.INTEGER, (short) -1)).isEqualTo("00000004" + "ffffffff");
        assertThat(field(ColumnType.BIGINT, Long.MIN_VALUE)).isEqualTo("00000008" + "8000000000000000");
        assertThat(field(ColumnType.BIGINT, -1)).isEqualTo("00000008" + "ffffffffffffffff");
    }

    @Test
    void floatsAreIeeeBigEndian() {
        assertThat(field(ColumnType.REAL, 1.5f)).isEqualTo("00000004" + "3fc00000");
        assertThat(field(ColumnType.REAL, Float.NaN)).isEqualTo("00000004" + "7fc00000");
        assertThat(field(ColumnType.DOUBLE, 1.5)).isEqualTo("00000008" + "3ff8000000000000");
        assertThat(field(ColumnType.DOUBLE, Double.NEGATIVE_INFINITY)).isEqualTo("00000008" + "fff0000000000000");
        assertThat(field(ColumnType.DOUBLE, 0.1f)).as("a float widens exactly").isEqualTo("00000008"
                + "3fb99999a0000000");
    }

    @Test
    void numericZeroHasNoDigitsAndKeepsItsScale() {
        // ndigits, weight, sign, dscale, then base-10000 digits
        assertThat(field(ColumnType.NUMERIC, BigDecimal.ZERO)).isEqualTo("00000008" + "0000" + "0000" + "0000"
                + "0000");
        assertThat(field(ColumnType.NUMERIC, new BigDecimal("0.00"))).isEqualTo("00000008" + "0000" + "0000"
                + "0000" + "0002");
        assertThat(field(ColumnType.NUMERIC, new BigDecimal("-0.0"))).isEqualTo("00000008" + "0000" + "0000"
                + "0000" + "0001");
    }

    @Test
    void numericDigitsAreBaseTenThousand() {
        assertThat(field(ColumnType.NUMERIC, BigDecimal.ONE)).isEqualTo("0000000a" + "0001" + "0000" + "0000"
                + "0000" + "0001");
        assertThat(field(ColumnType.NUMERIC, new BigDecimal("-12345.678"))) // 1 2345 .6780
                .isEqualTo("0000000e" + "0003" + "0001" + "4000" + "0003" + "0001" + "0929" + "1a7c");
        assertThat(field(ColumnType.NUMERIC, new BigDecimal("10000"))) // trailing zero digit left out
                .isEqualTo("0000000a" + "0001" + "0001" + "0000" + "0000" + "0001");
        assertThat(field(ColumnType.NUMERIC, new BigDecimal("0.0001")))
                .isEqualTo("0000000a" + "0001" + "ffff" + "0000" + "0004" + "0001");
        assertThat(field(ColumnType.NUMERIC, new BigDecimal("0.5")))
                .isEqualTo("0000000a" + "0001" + "ffff" + "0000" + "0001" + "1388");
        assertThat(field(ColumnType.NUMERIC, new BigDecimal("1E+3"))) // negative scale: 1000, display scale 0
                .isEqualTo("0000000a" + "0001" + "0000" + "0000" + "0000" + "03e8");
    }

    @Test
    void numericOfIntegerTypes() {
        assertThat(field(ColumnType.NUMERIC, BigInteger.TWO.pow(70))) // 11 8059 1620 7174 1130 3424
                .isEqualTo("00000014" + "0006" + "0005" + "0000" + "0000" + "000b" + "1f7b" + "0654" + "1c06"
                        + "046a" + "0d60");
        assertThat(field(ColumnType.NUMERIC, Long.MIN_VALUE)) // -922 3372 0368 5477 5808
                .isEqualTo("00000012" + "0005" + "0004" + "4000" + "0000" + "039a" + "0d2c" + "0170" + "1565"
                        + "16b0");
        assertThat(field(ColumnType.NUMERIC, 7)).isEqualTo("0000000a" + "0001" + "0000" + "0000" + "0000" + "0007");
    }

    @Test
    void textIsUtf8AndJsonbHasVersionOne() {
        assertThat(field(ColumnType.TEXT, "héllo")).isEqualTo("00000006" + "68c3a96c6c6f");
        assertThat(field(ColumnType.TEXT, "\uD83D\uDE00")).isEqualTo("00000004" + "f09f9880");
        assertThat(field(ColumnType.TEXT, "")).isEqualTo("00000000");
        assertThat(field(ColumnType.JSONB, "{\"a\":1}")).isEqualTo("00000008" + "01" + "7b2261223a317d");
    }

    /** Encodes a one-column row and returns the field's bytes (length and value) in hex. */
    private static String field(ColumnType type, Object value) {
        CopyBuffer buffer = new CopyBuffer();
        new CopyEncoder(List.of(type)).tuple(new Object[] {value}, buffer);
        String hex = CopyBufferTest.hex(buffer);
        assertThat(hex).startsWith("0001");
        return hex.substring(4);
    }
}
