package dev.ms5.timescale.jdbc.internal.plan;

import dev.ms5.timescale.OrderBy;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.Json;
import dev.ms5.timescale.jdbc.internal.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the state of many tables in one statement, whatever their number (the dialect's
 * {@link Dialect#tableStates()}). Only catalog tables are read, so a table locked by another session does not
 * block it.
 */
public final class StateReader {

    /**
     * The tables' states and whether the server takes writes.
     *
     * @param tables     the states, in the order asked
     * @param readOnly   whether transactions are read-only ({@code transaction_read_only})
     * @param inRecovery whether the server is a standby ({@code pg_is_in_recovery()})
     */
    public record Snapshot(List<TableState> tables, boolean readOnly, boolean inRecovery) {
        /**
         * Copies the list.
         *
         * @param tables     the states
         * @param readOnly   whether read-only
         * @param inRecovery whether a standby
         */
        public Snapshot {
            tables = List.copyOf(tables);
        }
    }

    private final Dialect dialect;

    /**
     * Creates the reader.
     *
     * @param dialect what the database runs
     */
    public StateReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Reads the tables' states.
     *
     * @param connection the connection
     * @param tables     the tables, as the specs name them
     * @param timeout    the longest the read may take
     * @return the states, in the order of {@code tables}
     * @throws SQLException when the server cannot be read
     */
    public Snapshot read(Connection connection, List<TableName> tables, Duration timeout) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.tableStates())) {
            statement.setQueryTimeout(Sql.seconds(timeout));
            statement.setArray(1, connection.createArrayOf("text",
                    tables.stream().map(t -> t.schema().orElse(null)).toArray()));
            statement.setArray(2, connection.createArrayOf("text", tables.stream().map(TableName::name).toArray()));
            List<TableState> states = new ArrayList<>();
            boolean readOnly = false;
            boolean inRecovery = false;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    TableName requested = tables.get(rs.getInt(1) - 1);
                    readOnly = rs.getBoolean(2);
                    inRecovery = rs.getBoolean(3);
                    String json = rs.getString(4);
                    states.add(json == null ? new TableState(requested, Optional.empty(), List.of(), Optional.empty(),
                            List.of(), List.of()) : state(requested, map(Json.parse(json))));
                }
            }
            return new Snapshot(states, readOnly, inRecovery);
        }
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

    /**
     * Builds a table's state from the JSON object the dialect's query returns for it.
     *
     * @param requested the name asked for
     * @param json      the object
     * @return the state
     */
    static TableState state(TableName requested, Map<String, Object> json) {
        TableState.Relation relation = new TableState.Relation(number(json.get("oid")).longValue(),
                ((String) json.get("kind")).charAt(0), (String) json.get("schema"), (String) json.get("name"));
        List<TableState.Column> columns = new ArrayList<>();
        for (Object column : list(json.get("columns"))) {
            List<Object> c = list(column);
            columns.add(new TableState.Column((String) c.get(0), (String) c.get(1), ((String) c.get(2)).charAt(0)));
        }
        List<String> indexes = list(json.get("indexes")).stream().map(String.class::cast).toList();
        Optional<Map<String, Object>> ht = Optional.ofNullable(json.get("hypertable")).map(StateReader::map);
        List<TableState.Job> jobs = ht.map(h -> list(h.get("jobs")).stream().map(StateReader::job).toList())
                .orElse(List.of());
        return new TableState(requested, Optional.of(relation), columns, ht.map(StateReader::hypertable), jobs,
                indexes);
    }

    private static TableState.Hypertable hypertable(Map<String, Object> h) {
        boolean timeTyped = Boolean.TRUE.equals(h.get("time_typed"));
        long interval = number(h.get("interval")).longValue();
        List<Object> settings = list(h.get("settings"));
        List<TableState.CompressedChunks> chunks = new ArrayList<>();
        for (Object group : list(h.get("chunks"))) {
            List<Object> g = list(group);
            chunks.add(new TableState.CompressedChunks(strings(g.get(0)), orderBy(g.get(1), g.get(2), g.get(3)),
                    number(g.get(4)).intValue(), time(g.get(5), timeTyped), time(g.get(6), timeTyped)));
        }
        return new TableState.Hypertable(number(h.get("id")).intValue(), (String) h.get("time_column"),
                timeTyped ? Optional.of(Duration.of(interval, ChronoUnit.MICROS)) : Optional.empty(),
                timeTyped ? Optional.empty() : Optional.of(interval), Optional.ofNullable((String) h.get("integer_now")),
                Boolean.TRUE.equals(h.get("compression")),
                settings.isEmpty() ? List.of() : strings(settings.get(0)),
                settings.isEmpty() ? List.of() : orderBy(settings.get(1), settings.get(2), settings.get(3)), chunks);
    }

    private static TableState.Job job(Object row) {
        List<Object> j = list(row);
        return new TableState.Job(number(j.get(0)).intValue(), TableState.PolicyKind.ofProcedure((String) j.get(1)),
                seconds(number(j.get(2))), Optional.ofNullable((String) j.get(4)),
                Optional.ofNullable((BigDecimal) j.get(5)).map(StateReader::seconds),
                Optional.ofNullable((String) j.get(6)), Optional.ofNullable((String) j.get(7)),
                Boolean.TRUE.equals(j.get(3)));
    }

    private static List<OrderBy> orderBy(Object columns, Object descending, Object nullsFirst) {
        List<String> names = strings(columns);
        List<Object> desc = list(descending);
        List<Object> nulls = list(nullsFirst);
        List<OrderBy> orderBy = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            orderBy.add(new OrderBy(names.get(i), Boolean.TRUE.equals(desc.get(i)), Boolean.TRUE.equals(nulls.get(i))));
        }
        return orderBy;
    }

    /** TimescaleDB keeps ranges of time columns in microseconds since the Unix epoch; the ends are open. */
    private static String time(Object value, boolean timeTyped) {
        long internal = number(value).longValue();
        if (!timeTyped) {
            return Long.toString(internal);
        }
        if (internal == Long.MIN_VALUE || internal == Long.MAX_VALUE) {
            return internal < 0 ? "-infinity" : "infinity";
        }
        return Instant.EPOCH.plus(internal, ChronoUnit.MICROS).toString();
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static BigDecimal number(Object value) {
        return (BigDecimal) value;
    }

    private static Duration seconds(BigDecimal seconds) {
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
    }
}
