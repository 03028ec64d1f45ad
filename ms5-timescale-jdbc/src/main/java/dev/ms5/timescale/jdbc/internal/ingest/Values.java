package dev.ms5.timescale.jdbc.internal.ingest;

import dev.ms5.timescale.jdbc.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * What a value must be to be written to a column type, and the conversions both write paths share, so that
 * COPY and INSERT store the same thing: timestamps truncated to microseconds, numbers widened exactly.
 */
public final class Values {

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds since 1970. */
    static final long PG_EPOCH_SECONDS = 946_684_800L;
    /** The earliest timestamptz, 4714-11-24 BC 00:00 UTC (Julian day 0), in seconds since the PostgreSQL epoch. */
    static final long MIN_SECONDS = -211_813_488_000L;
    /** The first timestamptz past the end, 294277-01-01 00:00 UTC, in seconds since the PostgreSQL epoch. */
    static final long END_SECONDS = 9_223_371_331_200L;
    /** The most digits numeric keeps after the decimal point. */
    static final int MAX_NUMERIC_SCALE = 16_383;
    /** The most digits numeric keeps before the decimal point. */
    static final int MAX_NUMERIC_INTEGER_DIGITS = 131_072;

    private Values() {
    }

    /**
     * Tells what is wrong with a non-null value of an accepted Java type, if anything.
     *
     * @param type  the column type
     * @param value the value, accepted by {@link ColumnType#accepts}
     * @return the problem, or {@code null} when the value can be written
     */
    public static String problem(ColumnType type, Object value) {
        return switch (type) {
            case TIMESTAMPTZ -> timestampProblem(instant(value));
            case NUMERIC -> numericProblem(decimal(value));
            case TEXT, JSONB -> textProblem((String) value);
            default -> null;
        };
    }

    /**
     * Converts an accepted timestamp to an instant.
     *
     * @param value an {@link Instant}, {@link OffsetDateTime} or {@link ZonedDateTime}
     * @return the instant
     */
    public static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        return value instanceof OffsetDateTime odt ? odt.toInstant() : ((ZonedDateTime) value).toInstant();
    }

    /**
     * Returns microseconds since 2000-01-01T00:00Z, truncated toward the past, of a timestamp in range.
     *
     * @param instant the instant, checked by {@link #problem}
     * @return the microseconds PostgreSQL stores
     */
    public static long micros(Instant instant) {
        return (instant.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + instant.getNano() / 1_000;
    }

    /**
     * Writes a timestamp as PostgreSQL reads it whatever its DateStyle, in UTC, truncated to microseconds:
     * {@code 2024-05-01 12:34:56.123456+00}, {@code 4714-11-24 00:00:00.000000+00 BC}. The driver's own conversion
     * of {@code OffsetDateTime} turns instants before 4713 BC into {@code -infinity}, which PostgreSQL could
     * hold exactly; this one does not.
     *
     * @param instant the instant, checked by {@link #problem}
     * @return the text for {@code CAST(? AS timestamptz)}
     */
    public static String timestampText(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano() / 1_000 * 1_000,
                ZoneOffset.UTC);
        int year = utc.getYear();
        StringBuilder text = new StringBuilder(36);
        pad(text, year > 0 ? year : 1 - year, 4).append('-');
        pad(text, utc.getMonthValue(), 2).append('-');
        pad(text, utc.getDayOfMonth(), 2).append(' ');
        pad(text, utc.getHour(), 2).append(':');
        pad(text, utc.getMinute(), 2).append(':');
        pad(text, utc.getSecond(), 2).append('.');
        pad(text, utc.getNano() / 1_000, 6).append("+00");
        return year > 0 ? text.toString() : text.append(" BC").toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /**
     * Converts an accepted numeric value to a {@link BigDecimal}.
     *
     * @param value a {@link BigDecimal}, {@link BigInteger}, {@link Long}, {@link Integer}, {@link Short} or
     *              {@link Byte}
     * @return the exact decimal
     */
    public static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        return value instanceof BigInteger integer ? new BigDecimal(integer)
                : BigDecimal.valueOf(((Number) value).longValue());
    }

    private static String timestampProblem(Instant instant) {
        long seconds = instant.getEpochSecond() - PG_EPOCH_SECONDS;
        if (seconds < MIN_SECONDS || seconds >= END_SECONDS) {
            return instant + " is outside the range of timestamptz (4714-11-24 BC to 294276-12-31 AD, UTC)";
        }
        return null;
    }

    private static String numericProblem(BigDecimal decimal) {
        if (decimal.scale() > MAX_NUMERIC_SCALE) {
            return "it has " + decimal.scale() + " digits after the decimal point; numeric keeps at most "
                    + MAX_NUMERIC_SCALE + " (round it with setScale)";
        }
        if ((long) decimal.precision() - decimal.scale() > MAX_NUMERIC_INTEGER_DIGITS) {
            return "it has " + ((long) decimal.precision() - decimal.scale()) + " digits before the decimal point;"
                    + " numeric keeps at most " + MAX_NUMERIC_INTEGER_DIGITS;
        }
        return null;
    }

    private static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "it contains U+0000 at index " + i + ", which PostgreSQL text cannot hold; remove or"
                        + " replace it";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "it contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase() + ") at index "
                        + i + ", which UTF-8 cannot encode; the string is corrupt where it was made";
            }
        }
        return null;
    }
}
