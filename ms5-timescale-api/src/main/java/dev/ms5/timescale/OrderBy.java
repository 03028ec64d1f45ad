package dev.ms5.timescale;

import java.util.Locale;

/**
 * One order-by column of compressed data, with its direction and where nulls sort.
 *
 * @param column     the column, raw (unquoted)
 * @param descending whether it sorts descending
 * @param nullsFirst whether nulls sort first (PostgreSQL's default: first when descending, last otherwise)
 */
public record OrderBy(String column, boolean descending, boolean nullsFirst) {

    private static final String EXAMPLE = "ts DESC, value ASC, \"Ts\" DESC NULLS LAST";

    /**
     * Validates the column.
     *
     * @param column     the column
     * @param descending whether it sorts descending
     * @param nullsFirst whether nulls sort first
     */
    public OrderBy {
        if (column == null || column.isEmpty()) {
            throw new InvalidPolicyException("order-by column must not be empty; accepted: " + EXAMPLE);
        }
    }

    /**
     * Orders by a column descending, nulls first.
     *
     * @param column the raw column name
     * @return the order
     */
    public static OrderBy desc(String column) {
        return new OrderBy(column, true, true);
    }

    /**
     * Orders by a column ascending, nulls last.
     *
     * @param column the raw column name
     * @return the order
     */
    public static OrderBy asc(String column) {
        return new OrderBy(column, false, false);
    }

    /**
     * Parses {@code column [ASC|DESC] [NULLS FIRST|LAST]}, the column written as in SQL.
     *
     * @param text e.g. {@code "ts DESC"}
     * @return the order
     * @throws InvalidPolicyException naming the text and an accepted example
     */
    public static OrderBy parse(String text) {
        String input = text == null ? "" : text.strip();
        int split = input.startsWith("\"") ? input.lastIndexOf('"') + 1 : firstSpace(input);
        String column = Identifiers.single(input.substring(0, split), "order-by column", EXAMPLE);
        String rest = input.substring(split).strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        boolean descending = rest.startsWith("DESC");
        String nulls = rest.replaceFirst("^(ASC|DESC) ?", "");
        if (!rest.matches("((ASC|DESC)( |$))?(NULLS (FIRST|LAST))?")) {
            throw new InvalidPolicyException("order-by '" + text + "' is not 'column [ASC|DESC] [NULLS FIRST|LAST]';"
                    + " accepted: " + EXAMPLE);
        }
        boolean nullsFirst = nulls.isEmpty() ? descending : nulls.equals("NULLS FIRST");
        return new OrderBy(column, descending, nullsFirst);
    }

    /**
     * Returns the order as SQL writes it, e.g. {@code ts DESC}; nulls are named only where they differ from
     * PostgreSQL's default.
     *
     * @return the SQL text
     */
    @Override
    public String toString() {
        String text = Identifiers.display(column) + (descending ? " DESC" : "");
        if (nullsFirst != descending) {
            text += nullsFirst ? " NULLS FIRST" : " NULLS LAST";
        }
        return text;
    }

    private static int firstSpace(String input) {
        int space = input.indexOf(' ');
        return space < 0 ? input.length() : space;
    }
}
