package dev.ms5.timescale.jdbc.internal.ingest;

import dev.ms5.timescale.jdbc.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Encodes rows in PostgreSQL's binary COPY format: a header, then per row the field count (int16) and per field
 * its length (int32, -1 for NULL) and bytes, all big-endian, and a trailer. Values must have passed
 * {@link RowValidator}; each is written as the type's binary receive function reads it.
 */
public final class CopyEncoder {

    /** Signature, flags (no OIDs) and header extension length (none). */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** A field count of -1. */
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;

    private final ColumnType[] types;

    /**
     * Creates an encoder for rows of these column types.
     *
     * @param types the types, in the order of a row's values
     */
    public CopyEncoder(List<ColumnType> types) {
        this.types = types.toArray(ColumnType[]::new);
    }

    /**
     * Writes the stream's header.
     *
     * @param sink where to
     * @throws SQLException when the sink fails
     */
    public static void header(CopyBuffer.Sink sink) throws SQLException {
        sink.write(HEADER, HEADER.length);
    }

    /**
     * Writes the stream's trailer.
     *
     * @param sink where to
     * @throws SQLException when the sink fails
     */
    public static void trailer(CopyBuffer.Sink sink) throws SQLException {
        sink.write(TRAILER, TRAILER.length);
    }

    /**
     * Appends one row.
     *
     * @param values the row's values, validated
     * @param out    the batch's buffer
     */
    public void tuple(Object[] values, CopyBuffer out) {
        out.writeShort(types.length);
        for (int i = 0; i < types.length; i++) {
            Object value = values[i];
            if (value == null) {
                out.writeInt(-1);
            } else {
                value(types[i], value, out);
            }
        }
    }

    private static void value(ColumnType type, Object value, CopyBuffer out) {
        switch (type) {
            case UUID -> {
                out.writeInt(16);
                out.writeLong(((UUID) value).getMostSignificantBits());
                out.writeLong(((UUID) value).getLeastSignificantBits());
            }
            case TIMESTAMPTZ -> {
                out.writeInt(8);
                out.writeLong(Values.micros(Values.instant(value)));
            }
            case BOOLEAN -> {
                out.writeInt(1);
                out.writeByte((Boolean) value ? 1 : 0);
            }
            case SMALLINT -> {
                out.writeInt(2);
                out.writeShort(((Number) value).shortValue());
            }
            case INTEGER -> {
                out.writeInt(4);
                out.writeInt(((Number) value).intValue());
            }
            case BIGINT -> {
                out.writeInt(8);
                out.writeLong(((Number) value).longValue());
            }
            case REAL -> {
                out.writeInt(4);
                out.writeInt(Float.floatToIntBits((Float) value));
            }
            case DOUBLE -> {
                out.writeInt(8);
                out.writeLong(Double.doubleToLongBits(((Number) value).doubleValue()));
            }
            case NUMERIC -> numeric(Values.decimal(value), out);
            case TEXT -> text((String) value, false, out);
            case JSONB -> text((String) value, true, out);
            default -> throw new IllegalStateException("no encoding for " + type);
        }
    }

    private static void text(String value, boolean jsonb, CopyBuffer out) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length + (jsonb ? 1 : 0));
        if (jsonb) {
            out.writeByte(1); // jsonb's binary format version
        }
        out.write(utf8);
    }

    /**
     * Writes a numeric as numeric_recv reads it: digit count, weight (the power of 10000 of the first digit),
     * sign, display scale, then base-10000 digits, most significant first, trailing zero digits left out.
     */
    static void numeric(BigDecimal value, CopyBuffer out) {
        int sign = value.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE;
        int scale = value.scale();
        int displayScale = Math.max(scale, 0);
        if (value.signum() == 0) {
            writeNumeric(out, new short[0], 0, 0, NUMERIC_POSITIVE, displayScale);
            return;
        }
        // Pad the fraction to whole base-10000 digits, or shift a negative scale into the integer.
        int pad = scale > 0 ? (4 - scale % 4) % 4 : -scale;
        String decimal = value.unscaledValue().abs().toString() + "0".repeat(pad);
        int fractionDigits = scale > 0 ? (scale + pad) / 4 : 0;
        int count = (decimal.length() + 3) / 4;
        short[] digits = new short[count];
        int end = decimal.length();
        for (int i = count - 1; i >= 0; i--) {
            int start = Math.max(0, end - 4);
            int digit = 0;
            for (int k = start; k < end; k++) {
                digit = digit * 10 + decimal.charAt(k) - '0';
            }
            digits[i] = (short) digit;
            end = start;
        }
        int used = count;
        while (digits[used - 1] == 0) {
            used--;
        }
        writeNumeric(out, digits, used, count - fractionDigits - 1, sign, displayScale);
    }

    private static void writeNumeric(CopyBuffer out, short[] digits, int used, int weight, int sign, int dscale) {
        out.writeInt(8 + 2 * used);
        out.writeShort(used);
        out.writeShort(weight);
        out.writeShort(sign);
        out.writeShort(dscale);
        for (int i = 0; i < used; i++) {
            out.writeShort(digits[i]);
        }
    }
}
