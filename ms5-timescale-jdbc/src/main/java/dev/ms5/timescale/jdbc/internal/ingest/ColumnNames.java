package dev.ms5.timescale.jdbc.internal.ingest;

import dev.ms5.timescale.jdbc.BulkWriterSetupException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a column name as SQL does, by the rules the API applies to table names: unquoted, it is folded to lower
 * case (ASCII letters only, as PostgreSQL does in UTF-8 databases) and may hold letters, digits, {@code _} and
 * {@code $}; double-quoted, it is taken as written, {@code ""} standing for one quote. Names over 63 bytes, which
 * PostgreSQL would truncate, are refused.
 */
public final class ColumnNames {

    private static final int MAX_BYTES = 63;
    private static final String ACCEPTED = "Accepted: value_real, \"Value\" (unquoted names fold to lower case)";

    private ColumnNames() {
    }

    /**
     * Parses a column name.
     *
     * @param text  the name as written
     * @param table the table, for messages
     * @return the raw name, as in the catalog
     * @throws BulkWriterSetupException when the text is not a valid name
     */
    public static String parse(String text, String table) {
        if (text == null || text.isBlank()) {
            throw invalid(table, text, "it is empty");
        }
        String input = text.strip();
        String raw = input.charAt(0) == '"' ? quoted(input, table, text) : unquoted(input, table, text);
        if (raw.isEmpty()) {
            throw invalid(table, text, "it is empty");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw invalid(table, text, "it is longer than " + MAX_BYTES + " bytes, and PostgreSQL would truncate it");
        }
        return raw;
    }

    /**
     * Renders a raw name as SQL would need it, for messages: bare when it is a plain lower-case name, else
     * double-quoted. SQL text itself always quotes ({@link dev.ms5.timescale.jdbc.internal.Sql#identifier}).
     *
     * @param raw the raw name
     * @return e.g. {@code value_real} or {@code "Value"}
     */
    public static String display(String raw) {
        return raw.matches("[a-z_][a-z0-9_$]*") ? raw : '"' + raw.replace("\"", "\"\"") + '"';
    }

    private static String quoted(String input, String table, String text) {
        StringBuilder raw = new StringBuilder();
        int i = 1;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c == '"' && i + 1 < input.length() && input.charAt(i + 1) == '"') {
                raw.append('"');
                i += 2;
            } else if (c == '"') {
                if (i + 1 != input.length()) {
                    throw invalid(table, text, "unexpected '" + input.charAt(i + 1) + "' after the closing quote at"
                            + " position " + (i + 1) + "; a column name has one part");
                }
                return raw.toString();
            } else if (c == 0) {
                throw invalid(table, text, "it contains a NUL character");
            } else {
                raw.append(c);
                i++;
            }
        }
        throw invalid(table, text, "the quoted name has no closing quote");
    }

    private static String unquoted(String input, String table, String text) {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < input.length(); ) {
            int c = input.codePointAt(i);
            boolean ok = Character.isLetter(c) || c == '_' || (i > 0 && (Character.isDigit(c) || c == '$'));
            if (!ok) {
                throw invalid(table, text, "'" + (c == 0 ? "NUL" : new String(Character.toChars(c)))
                        + "' at position " + (i + 1) + " is not allowed in an unquoted name; write such a name in"
                        + " double quotes");
            }
            raw.appendCodePoint(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            i += Character.charCount(c);
        }
        return raw.toString();
    }

    private static BulkWriterSetupException invalid(String table, String text, String why) {
        return new BulkWriterSetupException(table, "bulk writer for " + table + ": column '" + text
                + "' is not a valid name: " + why + ". " + ACCEPTED);
    }
}
