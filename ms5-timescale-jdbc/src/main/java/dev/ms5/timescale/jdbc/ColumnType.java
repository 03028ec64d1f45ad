package dev.ms5.timescale.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The PostgreSQL type of a column a {@link BulkWriter} writes, and the Java types it accepts for it. Every type
 * also accepts {@code null}, written as SQL NULL. Only lossless conversions are accepted: a {@code Long} is not
 * taken for a SMALLINT column, nor a {@code Double} for a NUMERIC one.
 */
public enum ColumnType {
    /** {@code uuid}: {@link java.util.UUID}. */
    UUID("uuid", java.util.UUID.class),
    /**
     * {@code timestamp with time zone}: {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime}. PostgreSQL
     * keeps microseconds; finer parts are truncated toward the past, as {@code Instant.truncatedTo(MICROS)} does.
     * Values outside 4714-11-24 BC to 294276-12-31 AD (UTC) are rejected.
     */
    TIMESTAMPTZ("timestamp with time zone", Instant.class, OffsetDateTime.class, ZonedDateTime.class),
    /** {@code boolean}: {@link Boolean}. */
    BOOLEAN("boolean", Boolean.class),
    /** {@code smallint}: {@link Short}, {@link Byte}. */
    SMALLINT("smallint", Short.class, Byte.class),
    /** {@code integer}: {@link Integer}, {@link Short}, {@link Byte}. */
    INTEGER("integer", Integer.class, Short.class, Byte.class),
    /** {@code bigint}: {@link Long}, {@link Integer}, {@link Short}, {@link Byte}. */
    BIGINT("bigint", Long.class, Integer.class, Short.class, Byte.class),
    /** {@code real}: {@link Float} (NaN and the infinities included). */
    REAL("real", Float.class),
    /** {@code double precision}: {@link Double}, {@link Float} (NaN and the infinities included). */
    DOUBLE("double precision", Double.class, Float.class),
    /**
     * {@code numeric}: {@link BigDecimal}, {@link BigInteger}, {@link Long}, {@link Integer}, {@link Short},
     * {@link Byte}. The scale of a {@code BigDecimal} is kept ({@code 1.50} stays {@code 1.50}) unless the column
     * declares its own; NaN cannot be written (a {@code BigDecimal} cannot hold it).
     */
    NUMERIC("numeric", BigDecimal.class, BigInteger.class, Long.class, Integer.class, Short.class, Byte.class),
    /** {@code text} (or {@code character varying}): {@link String} without U+0000. */
    TEXT("text", String.class),
    /**
     * {@code jsonb}: a {@link String} holding JSON text, without U+0000; the server checks the JSON syntax, so
     * malformed JSON fails its batch.
     */
    JSONB("jsonb", String.class);

    private final String postgresType;
    private final List<Class<?>> javaTypes;

    ColumnType(String postgresType, Class<?>... javaTypes) {
        this.postgresType = postgresType;
        this.javaTypes = List.of(javaTypes);
    }

    /**
     * Returns the PostgreSQL type, as {@code format_type} names it.
     *
     * @return e.g. {@code timestamp with time zone}
     */
    public String postgresType() {
        return postgresType;
    }

    /**
     * Returns the Java types accepted for this column type, besides {@code null}.
     *
     * @return e.g. {@code [Instant, OffsetDateTime, ZonedDateTime]}
     */
    public List<Class<?>> javaTypes() {
        return javaTypes;
    }

    /**
     * Tells whether a value is accepted by its Java type ({@code null} is). Accepting the type does not yet mean
     * the value fits: a timestamp may be out of PostgreSQL's range, a string may hold U+0000.
     *
     * @param value the value
     * @return whether it is {@code null} or an instance of one of {@link #javaTypes()}
     */
    public boolean accepts(Object value) {
        if (value == null) {
            return true;
        }
        for (Class<?> type : javaTypes) {
            if (type.isInstance(value)) {
                return true;
            }
        }
        return false;
    }
}
