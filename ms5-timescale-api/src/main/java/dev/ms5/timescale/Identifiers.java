package dev.ms5.timescale;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses names the way PostgreSQL reads them in SQL: an unquoted name is folded to lower case (ASCII letters
 * only, as PostgreSQL does in UTF-8 databases); a double-quoted name is taken as written, {@code ""} standing
 * for one quote. Anything else, and names over 63 bytes (PostgreSQL would truncate them to name another
 * relation), is rejected.
 */
final class Identifiers {

    static final int MAX_BYTES = 63;

    private Identifiers() {
    }

    /**
     * Parses a dotted name of one or up to {@code maxParts} parts.
     *
     * @param text     the name as the user wrote it
     * @param maxParts 1 for a column, 2 for {@code schema.table}
     * @param field    what the name is, for messages
     * @param example  an accepted example, for messages
     * @return the raw parts, as stored in the catalog
     */
    static List<String> parse(String text, int maxParts, String field, String example) {
        if (text == null || text.isBlank()) {
            throw invalid(field, text, "it is empty", example);
        }
        String input = text.strip();
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            StringBuilder part = new StringBuilder();
            i = input.charAt(i) == '"' ? quoted(input, i, part, field, text, example)
                    : unquoted(input, i, part, field, text, example);
            if (part.length() == 0) {
                throw invalid(field, text, "a part of it is empty", example);
            }
            if (part.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw invalid(field, text, "'" + part + "' is longer than " + MAX_BYTES + " bytes, and PostgreSQL"
                        + " would truncate it to name another relation", example);
            }
            parts.add(part.toString());
            if (i == input.length()) {
                break;
            }
            if (input.charAt(i) != '.' || i + 1 == input.length()) {
                throw invalid(field, text, "unexpected '" + input.charAt(i) + "' at position " + (i + 1), example);
            }
            i++;
        }
        if (parts.size() > maxParts) {
            throw invalid(field, text, "it has " + parts.size() + " dotted parts, at most " + maxParts
                    + " are accepted", example);
        }
        return List.copyOf(parts);
    }

    /**
     * Parses a single name, such as a column.
     *
     * @param text    the name as written
     * @param field   what the name is, for messages
     * @param example an accepted example
     * @return the raw name
     */
    static String single(String text, String field, String example) {
        return parse(text, 1, field, example).get(0);
    }

    /**
     * Renders a raw name as SQL would need it: bare when it is a plain lower-case name, else double-quoted.
     *
     * @param raw the raw name
     * @return e.g. {@code metric_hist} or {@code "MixedCase"}
     */
    static String display(String raw) {
        return raw.matches("[a-z_][a-z0-9_$]*") ? raw : '"' + raw.replace("\"", "\"\"") + '"';
    }

    private static int quoted(String input, int start, StringBuilder part, String field, String text, String example) {
        int i = start + 1;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c == '"') {
                if (i + 1 < input.length() && input.charAt(i + 1) == '"') {
                    part.append('"');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == 0) {
                throw invalid(field, text, "it contains a NUL character", example);
            }
            part.append(c);
            i++;
        }
        throw invalid(field, text, "the quoted name starting at position " + (start + 1) + " has no closing quote",
                example);
    }

    private static int unquoted(String input, int start, StringBuilder part, String field, String text,
                                String example) {
        int i = start;
        while (i < input.length() && input.charAt(i) != '.') {
            int c = input.codePointAt(i);
            if (c == 0) {
                throw invalid(field, text, "it contains a NUL character", example);
            }
            boolean first = i == start;
            boolean ok = Character.isLetter(c) || c == '_' || (!first && (Character.isDigit(c) || c == '$'));
            if (!ok) {
                throw invalid(field, text, "'" + new String(Character.toChars(c)) + "' at position " + (i + 1)
                        + " is not allowed in an unquoted name; write such a name in double quotes", example);
            }
            part.appendCodePoint(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            i += Character.charCount(c);
        }
        return i;
    }

    private static InvalidPolicyException invalid(String field, String text, String why, String example) {
        return new InvalidPolicyException(field + " '" + text + "' is not a valid name: " + why
                + ". Accepted: " + example);
    }
}
