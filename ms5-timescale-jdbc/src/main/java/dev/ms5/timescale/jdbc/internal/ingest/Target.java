package dev.ms5.timescale.jdbc.internal.ingest;

import dev.ms5.timescale.jdbc.ColumnType;
import dev.ms5.timescale.jdbc.internal.Sql;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The table a bulk writer writes, resolved once in the catalog, and its declared columns. SQL built from it
 * quotes every name and names the table with its schema, so later batches do not depend on a search_path.
 *
 * @param display the table as the host named it, for messages and logs
 * @param schema  the table's schema, raw
 * @param name    the table, raw
 * @param columns the declared columns, raw, in the order of a row's values
 * @param types   their types, in the same order
 */
public record Target(String display, String schema, String name, List<String> columns, List<ColumnType> types) {

    /** The staging table of {@code onConflictDoNothing}; temporary, so it lives in the session's own schema. */
    static final String STAGING = "ms5_bulk_staging";

    /**
     * Copies the lists.
     *
     * @param display the table as named by the host
     * @param schema  the schema
     * @param name    the table
     * @param columns the columns
     * @param types   their types
     */
    public Target {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        if (columns.size() != types.size() || columns.isEmpty()) {
            throw new IllegalArgumentException("columns and types must be non-empty and of one length");
        }
    }

    /**
     * Returns the quoted, schema-qualified table.
     *
     * @return e.g. {@code "public"."metric_hist"}
     */
    public String qualified() {
        return Sql.qualified(schema, name);
    }

    /**
     * Returns the quoted column list.
     *
     * @return e.g. {@code "metric_def_id", "ts"}
     */
    public String columnList() {
        return columns.stream().map(Sql::identifier).collect(Collectors.joining(", "));
    }

    /**
     * Returns the COPY statement into the table itself, or into the staging table.
     *
     * @param staging whether to copy into the staging table
     * @return {@code COPY ... FROM STDIN (FORMAT binary)}
     */
    public String copySql(boolean staging) {
        String into = staging ? "pg_temp." + Sql.identifier(STAGING) : qualified();
        return "COPY " + into + " (" + columnList() + ") FROM STDIN (FORMAT binary)";
    }

    /**
     * Returns the statement creating the staging table: the declared columns with the table's types, and
     * nothing else, so that columns the writer leaves to their defaults (an identity, say) take them in the
     * table itself. {@code ONLY} keeps TimescaleDB from planning over the chunks.
     *
     * @return {@code CREATE TEMP TABLE ... ON COMMIT DROP AS SELECT ... WITH NO DATA}
     */
    public String stagingSql() {
        return "CREATE TEMP TABLE " + Sql.identifier(STAGING) + " ON COMMIT DROP AS SELECT " + columnList()
                + " FROM ONLY " + qualified() + " WITH NO DATA";
    }

    /**
     * Returns the statement moving the staged rows into the table, skipping those an equal row already holds.
     *
     * @return {@code INSERT INTO ... SELECT ... ON CONFLICT DO NOTHING}
     */
    public String fromStagingSql() {
        return "INSERT INTO " + qualified() + " (" + columnList() + ") SELECT " + columnList() + " FROM pg_temp."
                + Sql.identifier(STAGING) + " ON CONFLICT DO NOTHING";
    }

    /**
     * Returns a multi-row INSERT with positional parameters.
     *
     * @param rows       the number of rows
     * @param onConflict whether to add {@code ON CONFLICT DO NOTHING}
     * @return {@code INSERT INTO ... VALUES (?, ...), ...}
     */
    public String insertSql(int rows, boolean onConflict) {
        String tuple = types.stream().map(t -> t == ColumnType.JSONB ? "CAST(? AS jsonb)"
                        : t == ColumnType.TIMESTAMPTZ ? "CAST(? AS timestamptz)" : "?")
                .collect(Collectors.joining(", ", "(", ")"));
        StringBuilder sql = new StringBuilder(64 + rows * (tuple.length() + 2)).append("INSERT INTO ")
                .append(qualified()).append(" (").append(columnList()).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(tuple);
        }
        return sql.append(onConflict ? " ON CONFLICT DO NOTHING" : "").toString();
    }
}
