package dev.ms5.timescale.jdbc.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ms5.timescale.jdbc.ColumnType;
import dev.ms5.timescale.jdbc.InvalidRowException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rows that cannot be written are refused with the column, the row, the value's type and the accepted ones. */
class RowValidatorTest {

    private static final List<ColumnType> ALL = List.of(ColumnType.values());
    private final RowValidator validator = new RowValidator("metric_hist",
            ALL.stream().map(t -> t == ColumnType.TEXT ? "Text Col" : t.name().toLowerCase()).toList(), ALL);

    @Test
    void acceptsNullAndEveryAcceptedJavaType() {
        Object[] nulls = new Object[ALL.size()];
        assertThatCode(() -> validator.check(1, nulls)).doesNotThrowAnyException();
        for (ColumnType type : ColumnType.values()) {
            RowValidator single = new RowValidator("t", List.of("c"), List.of(type));
            for (Class<?> javaType : type.javaTypes()) {
                assertThatCode(() -> single.check(1, new Object[] {sample(javaType)})).as(type + " " + javaType)
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void wrongJavaTypeNamesColumnRowTypeAndAcceptedTypes() {
        InvalidRowException e = reject(ColumnType.TIMESTAMPTZ, LocalDateTime.of(2024, 1, 1, 0, 0), 42);

        assertThat(e.getMessage()).isEqualTo("bulk writer for metric_hist: row 42 rejected, nothing of it sent:"
                + " column c (TIMESTAMPTZ) cannot take a java.time.LocalDateTime; accepted: Instant, OffsetDateTime,"
                + " ZonedDateTime or null. Convert it with the zone it is in, e.g."
                + " localDateTime.atZone(zone).toInstant()");
        assertThat(e.row()).isEqualTo(42);
        assertThat(e.column()).contains("c");
        assertThat(e.table()).isEqualTo("metric_hist");
    }

    @Test
    void widerIntegersAndBinaryFractionsAreRefused() {
        assertThat(reject(ColumnType.INTEGER, 5L, 1).getMessage()).contains("cannot take a java.lang.Long;"
                + " accepted: Integer, Short, Byte or null");
        assertThat(reject(ColumnType.REAL, 1.5, 1).getMessage()).contains("accepted: Float or null");
        assertThat(reject(ColumnType.NUMERIC, 0.1, 1).getMessage()).contains("accepted: BigDecimal, BigInteger,"
                + " Long, Integer, Short, Byte or null").contains("BigDecimal.valueOf(value)");
        assertThat(reject(ColumnType.UUID, "00112233-4455-6677-8899-aabbccddeeff", 1).getMessage())
                .contains("UUID.fromString(text)");
        assertThat(reject(ColumnType.BOOLEAN, 1, 1).getMessage()).contains("accepted: Boolean or null");
    }

    @Test
    void textWithNulOrUnpairedSurrogateIsRefused() {
        assertThat(reject(ColumnType.TEXT, "ab\u0000c", 3).getMessage()).isEqualTo("bulk writer for metric_hist:"
                + " row 3 rejected, nothing of it sent: column c (TEXT) cannot take this String: it contains U+0000"
                + " at index 2, which PostgreSQL text cannot hold; remove or replace it");
        assertThat(reject(ColumnType.JSONB, "{\"a\":\"\u0000\"}", 1).getMessage()).contains("(JSONB)")
                .contains("U+0000 at index 6");
        assertThat(reject(ColumnType.TEXT, "x\uD83D", 1).getMessage())
                .contains("unpaired surrogate (U+D83D) at index 1");
        assertThat(reject(ColumnType.TEXT, "\uDE00x", 1).getMessage())
                .contains("unpaired surrogate (U+DE00) at index 0");
    }

    @Test
    void timestampsOutsidePostgresRangeAreRefused() {
        assertThat(reject(ColumnType.TIMESTAMPTZ, Instant.parse("-4713-11-23T23:59:59.999999Z"), 1).getMessage())
                .contains("-4713-11-23T23:59:59.999999Z is outside the range of timestamptz (4714-11-24 BC to"
                        + " 294276-12-31 AD, UTC)");
        assertThat(reject(ColumnType.TIMESTAMPTZ, Instant.parse("+294277-01-01T00:00:00Z"), 1).getMessage())
                .contains("is outside the range of timestamptz");
        assertThat(reject(ColumnType.TIMESTAMPTZ, Instant.MAX, 1).getMessage())
                .contains("is outside the range of timestamptz");
    }

    @Test
    void numericBeyondItsScaleIsRefused() {
        assertThat(reject(ColumnType.NUMERIC, BigDecimal.ONE.movePointLeft(16_384), 1).getMessage())
                .contains("it has 16384 digits after the decimal point; numeric keeps at most 16383");
        assertThat(reject(ColumnType.NUMERIC, BigDecimal.ONE.movePointRight(131_072), 1).getMessage())
                .contains("it has 131073 digits before the decimal point; numeric keeps at most 131072");
    }

    @Test
    void wrongArityNamesTheColumns() {
        RowValidator two = new RowValidator("metric_hist", List.of("metric_def_id", "Ts"),
                List.of(ColumnType.UUID, ColumnType.TIMESTAMPTZ));

        InvalidRowException e = catchThrowableOfType(InvalidRowException.class,
                () -> two.check(7, new Object[] {UUID.randomUUID()}));

        assertThat(e.getMessage()).isEqualTo("bulk writer for metric_hist: row 7 rejected, nothing of it sent:"
                + " 1 value given for 2 columns (metric_def_id, \"Ts\"). Pass one value per declared column, in"
                + " order, null for NULL");
        assertThat(e.column()).isEmpty();
        assertThat(catchThrowableOfType(InvalidRowException.class, () -> two.check(1, null)).getMessage())
                .contains("no values (a null array) given for 2 columns");
    }

    private static InvalidRowException reject(ColumnType type, Object value, long row) {
        RowValidator single = new RowValidator("metric_hist", List.of("c"), List.of(type));
        return catchThrowableOfType(InvalidRowException.class, () -> single.check(row, new Object[] {value}));
    }

    private static Object sample(Class<?> javaType) {
        return Arrays.<Object>asList(UUID.randomUUID(), Instant.now(), java.time.OffsetDateTime.now(),
                        java.time.ZonedDateTime.now(), true, (short) 1, (byte) 1, 1, 1L, 1f, 1.0, BigDecimal.TEN,
                        java.math.BigInteger.TEN, "text").stream()
                .filter(javaType::isInstance).findFirst().orElseThrow();
    }
}
