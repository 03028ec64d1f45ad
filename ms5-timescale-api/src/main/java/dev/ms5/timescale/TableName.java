package dev.ms5.timescale;

import java.util.List;
import java.util.Optional;

/**
 * A table's name as the catalog stores it, optionally with its schema. Without a schema, the table is found
 * through the connection's {@code search_path}, as in SQL.
 *
 * @param schema the schema, raw (unquoted), if given
 * @param name   the table, raw (unquoted)
 */
public record TableName(Optional<String> schema, String name) {

    private static final String EXAMPLE = "metric_hist, public.metric_hist or \"MixedCase\"";

    /**
     * Validates the parts.
     *
     * @param schema the schema, if given
     * @param name   the table
     */
    public TableName {
        if (schema == null || name == null || name.isEmpty() || schema.map(String::isEmpty).orElse(false)) {
            throw new InvalidPolicyException("table name parts must not be empty; accepted: " + EXAMPLE);
        }
        for (String part : schema.map(s -> List.of(s, name)).orElse(List.of(name))) {
            if (part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Identifiers.MAX_BYTES
                    || part.indexOf(0) >= 0) {
                throw new InvalidPolicyException("table name part '" + part + "' is over " + Identifiers.MAX_BYTES
                        + " bytes or contains NUL; PostgreSQL cannot name such a table");
            }
        }
    }

    /**
     * Parses a name as SQL reads it: {@code metric_hist}, {@code public.metric_hist}, {@code "MixedCase"}.
     * Unquoted names are folded to lower case.
     *
     * @param text the name
     * @return the table name
     * @throws InvalidPolicyException when the text is not a valid name
     */
    public static TableName parse(String text) {
        List<String> parts = Identifiers.parse(text, 2, "table", EXAMPLE);
        return parts.size() == 2 ? new TableName(Optional.of(parts.get(0)), parts.get(1))
                : new TableName(Optional.empty(), parts.get(0));
    }

    /**
     * Returns the name as SQL would write it, quoted where needed.
     *
     * @return e.g. {@code public.metric_hist} or {@code "MixedCase"}
     */
    @Override
    public String toString() {
        return schema.map(s -> Identifiers.display(s) + ".").orElse("") + Identifiers.display(name);
    }
}
