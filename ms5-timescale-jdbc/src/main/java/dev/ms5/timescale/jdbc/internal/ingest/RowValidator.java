package dev.ms5.timescale.jdbc.internal.ingest;

import dev.ms5.timescale.jdbc.ColumnType;
import dev.ms5.timescale.jdbc.InvalidRowException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a row before anything of it is buffered or sent: one value per column, each of an accepted Java type
 * and within what PostgreSQL can hold. A rejected row names the column, the row, the value's type and the
 * accepted types.
 */
public final class RowValidator {

    private final String table;
    private final List<String> columns;
    private final ColumnType[] types;

    /**
     * Creates a validator.
     *
     * @param table   the table, for messages
     * @param columns the declared columns, raw
     * @param types   their types
     */
    public RowValidator(String table, List<String> columns, List<ColumnType> types) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.types = types.toArray(ColumnType[]::new);
    }

    /**
     * Checks a row.
     *
     * @param row    the number the row will have if accepted
     * @param values its values
     * @throws InvalidRowException when it cannot be written
     */
    public void check(long row, Object[] values) {
        if (values == null || values.length != types.length) {
            throw new InvalidRowException(prefix(row) + (values == null ? "no values (a null array)" : values.length
                    + " value" + (values.length == 1 ? "" : "s")) + " given for " + types.length + " columns ("
                    + columns.stream().map(ColumnNames::display).collect(Collectors.joining(", ")) + "). Pass one"
                    + " value per declared column, in order, null for NULL", table, row, null);
        }
        for (int i = 0; i < types.length; i++) {
            Object value = values[i];
            if (value == null) {
                continue;
            }
            ColumnType type = types[i];
            if (!type.accepts(value)) {
                throw reject(row, i, "cannot take a " + value.getClass().getName() + "; accepted: " + accepted(type)
                        + ". " + hint(type, value));
            }
            String problem = Values.problem(type, value);
            if (problem != null) {
                throw reject(row, i, "cannot take this " + value.getClass().getSimpleName() + ": " + problem);
            }
        }
    }

    /**
     * Lists the Java types a column type accepts.
     *
     * @param type the column type
     * @return e.g. {@code Instant, OffsetDateTime, ZonedDateTime or null}
     */
    public static String accepted(ColumnType type) {
        return type.javaTypes().stream().map(Class::getSimpleName).collect(Collectors.joining(", ")) + " or null";
    }

    private InvalidRowException reject(long row, int column, String why) {
        String name = columns.get(column);
        return new InvalidRowException(prefix(row) + "column " + ColumnNames.display(name) + " (" + types[column]
                + ") " + why, table, row, name);
    }

    private String prefix(long row) {
        return "bulk writer for " + table + ": row " + row + " rejected, nothing of it sent: ";
    }

    private static String hint(ColumnType type, Object value) {
        if (type == ColumnType.TIMESTAMPTZ && (value instanceof LocalDateTime || value instanceof LocalDate
                || value instanceof Date)) {
            return "Convert it with the zone it is in, e.g. localDateTime.atZone(zone).toInstant()";
        }
        if (type == ColumnType.NUMERIC && value instanceof Number) {
            return "Pass BigDecimal.valueOf(value) if the binary fraction is what you mean";
        }
        if (value instanceof Number && type.javaTypes().get(0).getSuperclass() == Number.class) {
            return "Declare the column with the ColumnType of its real width, or convert the value"
                    + " (Math.toIntExact, Float.valueOf(...))";
        }
        if (type == ColumnType.UUID && value instanceof String) {
            return "Convert it with UUID.fromString(text)";
        }
        return "Convert the value to one of them, or declare the column with another ColumnType";
    }
}
