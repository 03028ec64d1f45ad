package dev.ms5.timescale.jdbc.internal.plan;

import dev.ms5.timescale.OrderBy;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.jdbc.internal.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the state of many tables in a constant number of queries (relations and hypertables, columns,
 * compression settings, jobs, and indexes when a reorder policy is declared), whatever their number. Only
 * catalog tables and TimescaleDB's views are read, so a table locked by another session does not block it.
 */
public final class StateReader {

    private static final String RELATIONS = """
            WITH wanted AS (
                SELECT w.ord, to_regclass(CASE WHEN w.schema_name IS NULL THEN quote_ident(w.table_name)
                       ELSE quote_ident(w.schema_name) || '.' || quote_ident(w.table_name) END) AS rel
                FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS w(schema_name, table_name, ord))
            SELECT w.ord, c.oid, c.relkind, n.nspname, c.relname, h.id, d.column_name,
                   extract(epoch FROM d.time_interval), d.integer_interval, d.integer_now_func,
                   coalesce(ht.compression_enabled, false)
            FROM wanted w
            LEFT JOIN pg_class c ON c.oid = w.rel
            LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN _timescaledb_catalog.hypertable h ON h.schema_name = n.nspname AND h.table_name = c.relname
            LEFT JOIN timescaledb_information.hypertables ht
                   ON ht.hypertable_schema = n.nspname AND ht.hypertable_name = c.relname
            LEFT JOIN (SELECT DISTINCT ON (hypertable_schema, hypertable_name) *
                       FROM timescaledb_information.dimensions WHERE dimension_type = 'Time'
                       ORDER BY hypertable_schema, hypertable_name, dimension_number) d
                   ON d.hypertable_schema = n.nspname AND d.hypertable_name = c.relname
            ORDER BY w.ord""";
    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), t.typcategory
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = ANY (?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum""";
    private static final String COMPRESSION = """
            SELECT h.id, s.hypertable_schema, s.hypertable_name, s.attname, s.segmentby_column_index,
                   s.orderby_column_index, s.orderby_asc, s.orderby_nullsfirst
            FROM timescaledb_information.compression_settings s
            JOIN _timescaledb_catalog.hypertable h
              ON h.schema_name = s.hypertable_schema AND h.table_name = s.hypertable_name
            WHERE h.id = ANY (?::int[])
            ORDER BY s.hypertable_schema, s.hypertable_name, s.segmentby_column_index, s.orderby_column_index""";
    private static final String JOBS = """
            SELECT j.job_id, j.proc_name, h.id, extract(epoch FROM j.schedule_interval), l.key,
                   CASE WHEN jsonb_typeof(l.value) = 'string'
                        THEN extract(epoch FROM (l.value #>> '{}')::interval) END,
                   l.value #>> '{}', j.config ->> 'index_name'
            FROM timescaledb_information.jobs j
            JOIN _timescaledb_catalog.hypertable h
              -- Other jobs' configs may hold anything under this key; only digits are cast.
              ON h.id = CASE WHEN j.config ->> 'hypertable_id' ~ '^[0-9]{1,9}$'
                             THEN (j.config ->> 'hypertable_id')::int END
            LEFT JOIN LATERAL (SELECT e.key, e.value FROM jsonb_each(j.config) e
                               WHERE e.key IN ('compress_after', 'compress_created_before', 'drop_after',
                                               'drop_created_before')
                               LIMIT 1) l ON true
            WHERE j.proc_schema = '_timescaledb_functions'
              AND j.proc_name IN ('policy_compression', 'policy_retention', 'policy_reorder')
              AND h.id = ANY (?::int[])
            ORDER BY j.job_id""";
    private static final String INDEXES = """
            SELECT i.indrelid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = ANY (?::oid[]) ORDER BY c.relname""";

    /**
     * Reads the tables' states.
     *
     * @param connection  the connection
     * @param tables      the tables, as the specs name them
     * @param withIndexes whether to read indexes (for reorder policies)
     * @return the states, in the order of {@code tables}
     * @throws SQLException when the server cannot be read
     */
    public List<TableState> read(Connection connection, List<TableName> tables, boolean withIndexes)
            throws SQLException {
        List<Partial> partials = relations(connection, tables);
        Long[] oids = partials.stream().map(p -> p.relation).filter(Optional::isPresent)
                .map(r -> r.get().oid()).toArray(Long[]::new);
        Integer[] ids = partials.stream().filter(p -> p.hypertableId != null).map(p -> p.hypertableId)
                .toArray(Integer[]::new);
        Map<Long, List<TableState.Column>> columns = oids.length == 0 ? Map.of() : columns(connection, oids);
        Map<Integer, Settings> settings = ids.length == 0 ? Map.of() : compression(connection, ids);
        Map<Integer, List<TableState.Job>> jobs = ids.length == 0 ? Map.of() : jobs(connection, ids);
        Map<Long, List<String>> indexes = withIndexes && oids.length > 0 ? indexes(connection, oids) : Map.of();
        List<TableState> states = new ArrayList<>();
        for (Partial p : partials) {
            long oid = p.relation.map(TableState.Relation::oid).orElse(-1L);
            Optional<TableState.Hypertable> hypertable = Optional.ofNullable(p.hypertableId).map(id -> {
                Settings s = settings.getOrDefault(id, new Settings(List.of(), List.of()));
                return new TableState.Hypertable(id, p.timeColumn, p.chunkInterval, p.integerInterval,
                        p.integerNow, p.compressionEnabled, s.segmentBy, s.orderBy);
            });
            states.add(new TableState(p.requested, p.relation, columns.getOrDefault(oid, List.of()), hypertable,
                    hypertable.map(h -> jobs.getOrDefault(h.id(), List.of())).orElse(List.of()),
                    indexes.getOrDefault(oid, List.of())));
        }
        return states;
    }

    /**
     * Tells whether a table has at least one row, waiting for its lock no longer than the transaction's
     * {@code lock_timeout}.
     *
     * @param connection a connection in a transaction with timeouts set
     * @param relation   the table
     * @return whether it has rows
     * @throws SQLException when the table cannot be read, e.g. it stays locked past the timeout
     */
    public boolean hasRows(Connection connection, TableState.Relation relation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM " + Sql.qualified(relation.schema(), relation.name()) + ")");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private record Partial(TableName requested, Optional<TableState.Relation> relation, Integer hypertableId,
                           String timeColumn, Optional<Duration> chunkInterval, Optional<Long> integerInterval,
                           Optional<String> integerNow, boolean compressionEnabled) {
    }

    private record Settings(List<String> segmentBy, List<OrderBy> orderBy) {
    }

    private static List<Partial> relations(Connection connection, List<TableName> tables) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RELATIONS)) {
            statement.setArray(1, connection.createArrayOf("text",
                    tables.stream().map(t -> t.schema().orElse(null)).toArray()));
            statement.setArray(2, connection.createArrayOf("text", tables.stream().map(TableName::name).toArray()));
            List<Partial> partials = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    TableName requested = tables.get(rs.getInt(1) - 1);
                    Optional<TableState.Relation> relation = rs.getObject(2) == null ? Optional.empty()
                            : Optional.of(new TableState.Relation(rs.getLong(2), rs.getString(3).charAt(0),
                            rs.getString(4), rs.getString(5)));
                    Integer id = (Integer) rs.getObject(6);
                    partials.add(new Partial(requested, relation, id, rs.getString(7),
                            Optional.ofNullable(rs.getBigDecimal(8)).map(StateReader::seconds),
                            Optional.ofNullable((Long) rs.getObject(9)), Optional.ofNullable(rs.getString(10)),
                            rs.getBoolean(11)));
                }
            }
            return partials;
        }
    }

    private static Map<Long, List<TableState.Column>> columns(Connection connection, Long[] oids)
            throws SQLException {
        Map<Long, List<TableState.Column>> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setArray(1, connection.createArrayOf("bigint", oids));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                            new TableState.Column(rs.getString(2), rs.getString(3), rs.getString(4).charAt(0)));
                }
            }
        }
        return columns;
    }

    private static Map<Integer, Settings> compression(Connection connection, Integer[] ids) throws SQLException {
        Map<Integer, List<String>> segmentBy = new HashMap<>();
        Map<Integer, List<OrderBy>> orderBy = new HashMap<>();
        java.util.Set<Integer> found = new java.util.HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(COMPRESSION)) {
            statement.setArray(1, connection.createArrayOf("integer", ids));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    found.add(id);
                    if (rs.getObject(5) != null) {
                        segmentBy.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(4));
                    }
                    if (rs.getObject(6) != null) {
                        orderBy.computeIfAbsent(id, k -> new ArrayList<>()).add(
                                new OrderBy(rs.getString(4), !rs.getBoolean(7), rs.getBoolean(8)));
                    }
                }
            }
        }
        Map<Integer, Settings> settings = new HashMap<>();
        for (Integer id : found) {
            settings.put(id, new Settings(segmentBy.getOrDefault(id, List.of()), orderBy.getOrDefault(id, List.of())));
        }
        return settings;
    }

    private static Map<Integer, List<TableState.Job>> jobs(Connection connection, Integer[] ids) throws SQLException {
        Map<Integer, List<TableState.Job>> jobs = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(JOBS)) {
            statement.setArray(1, connection.createArrayOf("integer", ids));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    jobs.computeIfAbsent(rs.getInt(3), k -> new ArrayList<>()).add(new TableState.Job(rs.getInt(1),
                            TableState.PolicyKind.ofProcedure(rs.getString(2)), seconds(rs.getBigDecimal(4)),
                            Optional.ofNullable(rs.getString(5)),
                            Optional.ofNullable(rs.getBigDecimal(6)).map(StateReader::seconds),
                            Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8))));
                }
            }
        }
        return jobs;
    }

    private static Map<Long, List<String>> indexes(Connection connection, Long[] oids) throws SQLException {
        Map<Long, List<String>> indexes = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
            statement.setArray(1, connection.createArrayOf("bigint", oids));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return indexes;
    }

    private static Duration seconds(BigDecimal seconds) {
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
    }
}
