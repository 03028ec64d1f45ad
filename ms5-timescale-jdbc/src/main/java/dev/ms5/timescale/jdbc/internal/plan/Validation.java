package dev.ms5.timescale.jdbc.internal.plan;

import dev.ms5.timescale.OrderBy;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableFailure.Kind;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.plan.TableState.Column;
import dev.ms5.timescale.jdbc.internal.plan.TableState.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks a spec against the real table before anything is planned: the table, its columns, its indexes. */
final class Validation {

    private static final Set<String> TIME_TYPES = Set.of("timestamp with time zone", "timestamp without time zone",
            "date");
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

    private Validation() {
    }

    static Optional<TableFailure> check(PolicySpec spec, TableState state, Dialect dialect) {
        if (state.relation().isEmpty()) {
            return fail(Kind.TABLE_NOT_FOUND, "42P01", "table " + spec.table() + " does not exist in database "
                    + dialect.database() + " (looked up through the search_path when no schema is given)",
                    "create the table first (e.g. in your schema migrations), or correct the name in its PolicySpec");
        }
        Relation relation = state.relation().get();
        if (relation.kind() != 'r') {
            return fail(Kind.NOT_A_TABLE, "42809", spec.table() + " is " + kind(relation.kind())
                    + ", not a table; only plain tables can be hypertables",
                    "declare the policies for the table itself");
        }
        Optional<Column> time = state.column(spec.timeColumn());
        if (time.isEmpty()) {
            return missingColumn(spec, state, "time column", spec.timeColumn());
        }
        if (!isTimeTyped(time.get()) && !INTEGER_TYPES.contains(time.get().type())) {
            return fail(Kind.INVALID_SPEC, "42804", relation.display() + "." + spec.timeColumn() + " is of type "
                    + time.get().type() + ", which cannot partition a hypertable",
                    "use a timestamptz, timestamp, date, smallint, integer or bigint column as the time column");
        }
        if (state.hypertable().isPresent() && !state.hypertable().get().timeColumn().equals(spec.timeColumn())) {
            return fail(Kind.INVALID_SPEC, "22023", relation.display() + " is a hypertable on "
                    + state.hypertable().get().timeColumn() + ", but its spec says " + spec.timeColumn(),
                    "set the time column in its PolicySpec to " + state.hypertable().get().timeColumn());
        }
        return compression(spec, state).or(() -> reorder(spec, state)).or(() -> integerTime(spec, state, time.get()));
    }

    static boolean isTimeTyped(Column column) {
        return TIME_TYPES.contains(column.type());
    }

    /** The order-by a spec means: as declared (else the time column descending), then the time column. */
    static List<OrderBy> effectiveOrderBy(PolicySpec spec) {
        List<OrderBy> orderBy = new ArrayList<>(spec.compression().map(PolicySpec.Compression::orderBy)
                .orElse(List.of()));
        if (orderBy.stream().noneMatch(o -> o.column().equals(spec.timeColumn()))) {
            // TimescaleDB appends the time column, descending, when the order-by lacks it.
            orderBy.add(OrderBy.desc(spec.timeColumn()));
        }
        return orderBy;
    }

    private static Optional<TableFailure> compression(PolicySpec spec, TableState state) {
        if (spec.compression().isEmpty()) {
            return Optional.empty();
        }
        PolicySpec.Compression compression = spec.compression().get();
        for (String column : compression.segmentBy()) {
            if (state.column(column).isEmpty()) {
                return missingColumn(spec, state, "segment-by column", column);
            }
        }
        for (OrderBy order : compression.orderBy()) {
            if (state.column(order.column()).isEmpty()) {
                return missingColumn(spec, state, "order-by column", order.column());
            }
        }
        for (OrderBy order : effectiveOrderBy(spec)) {
            if (compression.segmentBy().contains(order.column())) {
                return fail(Kind.INVALID_SPEC, "22023", spec.table() + ": column " + order.column()
                        + " is both segment-by and order-by" + (order.column().equals(spec.timeColumn())
                        ? " (compressed data is always ordered by the time column)" : ""),
                        "name each column in only one of the two; the time column cannot be a segment-by column");
            }
        }
        return Optional.empty();
    }

    private static Optional<TableFailure> reorder(PolicySpec spec, TableState state) {
        if (spec.reorder().isEmpty() || state.indexes().contains(spec.reorder().get().index())) {
            return Optional.empty();
        }
        return fail(Kind.INVALID_SPEC, "42704", spec.table() + " has no index " + spec.reorder().get().index()
                        + " for the reorder policy; its indexes: " + (state.indexes().isEmpty() ? "none"
                        : String.join(", ", state.indexes())),
                "create the index, or name one of the table's indexes in its PolicySpec");
    }

    private static Optional<TableFailure> integerTime(PolicySpec spec, TableState state, Column time) {
        boolean policies = spec.retention().isPresent() || spec.compression().isPresent();
        if (isTimeTyped(time) || !policies) {
            return Optional.empty();
        }
        boolean integerNow = state.hypertable().flatMap(TableState.Hypertable::integerNowFunction).isPresent();
        String table = state.relation().orElseThrow().display();
        return fail(Kind.INVALID_SPEC, "22023", table + "." + spec.timeColumn() + " is " + time.type()
                        + ": retention and compression ages of a PolicySpec are durations, and an integer time column"
                        + " takes ages in its own units" + (integerNow ? "" : ", with an integer_now function, which "
                        + table + " does not have"),
                "leave retention and compression out of its PolicySpec and add those policies yourself with"
                        + " integer ages" + (integerNow ? "" : ", after SELECT set_integer_now_func('"
                        + table.replace("'", "''") + "', 'your_now_function')"));
    }

    private static Optional<TableFailure> missingColumn(PolicySpec spec, TableState state, String what,
                                                        String column) {
        String columns = state.columns().stream().map(Column::name).collect(Collectors.joining(", "));
        return fail(Kind.INVALID_SPEC, "42703", spec.table() + " has no " + what + " " + column + "; its columns: "
                + columns, "correct the " + what + " in its PolicySpec");
    }

    private static String kind(char relkind) {
        return switch (relkind) {
            case 'v' -> "a view";
            case 'm' -> "a materialized view";
            case 'p' -> "a partitioned table";
            case 'f' -> "a foreign table";
            case 'i', 'I' -> "an index";
            case 'S' -> "a sequence";
            default -> "a relation of kind '" + relkind + "'";
        };
    }

    private static Optional<TableFailure> fail(Kind kind, String state, String message, String fix) {
        return Optional.of(new TableFailure(kind, state, message, fix));
    }
}
