package dev.ms5.timescale.jdbc.internal.ingest;

import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.jdbc.BulkWriterSetupException;
import dev.ms5.timescale.jdbc.ColumnType;
import dev.ms5.timescale.jdbc.internal.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Resolves the target table and checks the declared columns against it, in one catalog query: the table, its
 * columns with their types (a domain counts as its base type), and its unique indexes. Only catalog tables are
 * read, so a table locked by another session does not block it.
 */
public final class TargetReader {

    private static final String CATALOG = """
            WITH rel AS (
                SELECT c.oid, c.relkind, n.nspname, c.relname
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = to_regclass(?))
            SELECT 'r', current_database(), r.relkind::text, r.nspname, r.relname, NULL::bigint, false, NULL::text[]
            FROM (VALUES (1)) v LEFT JOIN rel r ON true
            UNION ALL
            SELECT 'c', a.attname, format_type(a.atttypid, a.atttypmod), NULL, NULL,
                   (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END)::bigint,
                   a.attgenerated <> '', NULL
            FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            UNION ALL
            SELECT 'i', ic.relname, NULL, NULL, NULL, NULL, i.indexprs IS NOT NULL,
                   ARRAY(SELECT a.attname::text FROM generate_series(0, i.indnkeyatts - 1) k
                         JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = i.indkey[k] ORDER BY k)
            FROM rel r JOIN pg_index i ON i.indrelid = r.oid AND i.indisunique AND i.indimmediate
            JOIN pg_class ic ON ic.oid = i.indexrelid""";

    /** The built-in types' OIDs, fixed in PostgreSQL's catalog. */
    private static final Map<ColumnType, List<Long>> OIDS = Map.ofEntries(
            Map.entry(ColumnType.UUID, List.of(2950L)), Map.entry(ColumnType.TIMESTAMPTZ, List.of(1184L)),
            Map.entry(ColumnType.BOOLEAN, List.of(16L)), Map.entry(ColumnType.SMALLINT, List.of(21L)),
            Map.entry(ColumnType.INTEGER, List.of(23L)), Map.entry(ColumnType.BIGINT, List.of(20L)),
            Map.entry(ColumnType.REAL, List.of(700L)), Map.entry(ColumnType.DOUBLE, List.of(701L)),
            Map.entry(ColumnType.NUMERIC, List.of(1700L)), Map.entry(ColumnType.TEXT, List.of(25L, 1043L)),
            Map.entry(ColumnType.JSONB, List.of(3802L)));

    private record Column(String type, long baseOid, boolean generated) {
    }

    private record UniqueIndex(String name, List<String> columns, boolean expressions) {
    }

    private record Catalog(String database, String relkind, String schema, String name, Map<String, Column> columns,
                           List<UniqueIndex> uniqueIndexes) {
    }

    private TargetReader() {
    }

    /**
     * Resolves and checks the table.
     *
     * @param dataSource       where to borrow a connection
     * @param table            the table as the host named it
     * @param columns          the declared columns, raw
     * @param types            their declared types
     * @param needsUniqueIndex whether {@code onConflictDoNothing} was asked
     * @return the target
     * @throws TableNotFoundException   when the table does not exist or is not a table
     * @throws BulkWriterSetupException when a column does not match, or no unique index serves
     */
    public static Target read(DataSource dataSource, TableName table, List<String> columns, List<ColumnType> types,
                              boolean needsUniqueIndex) {
        String display = table.toString();
        Catalog catalog;
        try {
            catalog = Borrowed.read(dataSource, display, c -> query(c, table));
        } catch (Borrowed.Failure f) {
            throw new BulkWriterSetupException(display, "bulk writer for " + display + ": could not read the"
                    + " catalog (SQLState " + f.sqlException().getSQLState() + "): " + f.sqlException().getMessage()
                    + ". Check that the DataSource reaches the database", f.sqlException());
        }
        if (catalog.name() == null) {
            throw new TableNotFoundException(display, "bulk writer: table " + display + " does not exist in database "
                    + catalog.database() + " (looked up through the search_path when no schema is given). Create it"
                    + " first, or correct the name given to BulkWriter.builder");
        }
        if (!catalog.relkind().equals("r") && !catalog.relkind().equals("p")) {
            throw new TableNotFoundException(display, "bulk writer: " + display + " is not a table (relkind '"
                    + catalog.relkind() + "'); rows can only be written to a table or hypertable. Name the table itself");
        }
        checkColumns(display, catalog, columns, types);
        if (needsUniqueIndex) {
            checkUniqueIndex(display, catalog, columns);
        }
        return new Target(display, catalog.schema(), catalog.name(), columns, types);
    }

    private static Catalog query(Connection connection, TableName table) throws SQLException {
        String regclass = table.schema().map(s -> Sql.qualified(s, table.name()))
                .orElse(Sql.identifier(table.name()));
        try (PreparedStatement statement = connection.prepareStatement(CATALOG)) {
            statement.setString(1, regclass);
            try (ResultSet rs = statement.executeQuery()) {
                String[] relation = new String[4];
                Map<String, Column> columns = new LinkedHashMap<>();
                List<UniqueIndex> indexes = new ArrayList<>();
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case "r" -> {
                            for (int i = 0; i < 4; i++) {
                                relation[i] = rs.getString(i + 2);
                            }
                        }
                        case "c" -> columns.put(rs.getString(2), new Column(rs.getString(3), rs.getLong(6),
                                rs.getBoolean(7)));
                        default -> indexes.add(new UniqueIndex(rs.getString(2), strings(rs.getArray(8)),
                                rs.getBoolean(7)));
                    }
                }
                return new Catalog(relation[0], relation[1], relation[2], relation[3], columns, indexes);
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static void checkColumns(String display, Catalog catalog, List<String> columns, List<ColumnType> types) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            Column column = catalog.columns().get(name);
            if (column == null) {
                problems.add("column " + ColumnNames.display(name) + " does not exist");
            } else if (column.generated()) {
                problems.add("column " + ColumnNames.display(name) + " is generated; leave it out, the server computes it");
            } else if (!OIDS.get(types.get(i)).contains(column.baseOid())) {
                problems.add("column " + ColumnNames.display(name) + " is " + column.type() + ", declared "
                        + types.get(i) + "; " + fitting(column));
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder real = new StringBuilder();
            catalog.columns().forEach((name, column) -> real.append(real.length() == 0 ? "" : ", ")
                    .append(ColumnNames.display(name)).append(' ').append(column.type()));
            throw new BulkWriterSetupException(display, "bulk writer for " + display + ": the declared columns do not"
                    + " match " + Sql.qualified(catalog.schema(), catalog.name()) + ": " + String.join("; ", problems)
                    + ". Its columns: " + real + ". Correct the .column(...) declarations");
        }
    }

    private static String fitting(Column column) {
        for (ColumnType type : ColumnType.values()) {
            if (OIDS.get(type).contains(column.baseOid())) {
                return "declare it as ColumnType." + type;
            }
        }
        return "the bulk writer cannot write " + column.type() + "; leave the column out";
    }

    private static void checkUniqueIndex(String display, Catalog catalog, List<String> columns) {
        List<String> unusable = new ArrayList<>();
        for (UniqueIndex index : catalog.uniqueIndexes()) {
            List<String> missing = index.columns().stream().filter(c -> !columns.contains(c)).toList();
            if (missing.isEmpty()) {
                return;
            }
            unusable.add(ColumnNames.display(index.name()) + " on (" + String.join(", ", index.columns())
                    + (index.expressions() ? ", expressions" : "") + ") needs " + String.join(", ", missing));
        }
        String table = Sql.qualified(catalog.schema(), catalog.name());
        throw new BulkWriterSetupException(display, "bulk writer for " + display + ": onConflictDoNothing needs a"
                + " unique index or primary key on columns the writer writes, to know which rows exist already; "
                + table + (unusable.isEmpty() ? " has no unique index (deferrable ones cannot serve)"
                : " has only " + String.join("; ", unusable) + ", which the writer does not write (a row written"
                + " again would not conflict)") + ". Create one, e.g. CREATE UNIQUE INDEX ON " + table
                + " (<key columns>, <time column>), or write without onConflictDoNothing");
    }
}
