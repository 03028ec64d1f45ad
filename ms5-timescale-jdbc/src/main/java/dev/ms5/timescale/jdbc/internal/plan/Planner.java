package dev.ms5.timescale.jdbc.internal.plan;

import dev.ms5.timescale.Intervals;
import dev.ms5.timescale.OrderBy;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicyAction.Kind;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TablePlan;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.Unsupported;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.Failures;
import dev.ms5.timescale.jdbc.internal.Sql;
import dev.ms5.timescale.jdbc.internal.plan.TableState.Hypertable;
import dev.ms5.timescale.jdbc.internal.plan.TableState.Job;
import dev.ms5.timescale.jdbc.internal.plan.TableState.PolicyKind;
import dev.ms5.timescale.jdbc.internal.plan.TableState.Relation;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares a spec with a table's state and lists the actions that make the table as declared. The same
 * planner serves {@code plan} and {@code applyPolicies}, so that what a plan lists is what applying does.
 */
public final class Planner {

    /** Reads whether a plain table has rows; only asked when a hypertable would be created from it. */
    @FunctionalInterface
    public interface RowCheck {
        /**
         * Tells whether the table has rows.
         *
         * @param relation the table
         * @return whether it has at least one row
         * @throws SQLException when it cannot be read
         */
        boolean hasRows(Relation relation) throws SQLException;
    }

    /**
     * The plan with the values its statements bind.
     *
     * @param plan  the plan, as reports show it
     * @param steps the actions with their values, in order
     */
    public record Result(TablePlan plan, List<Step> steps) {
    }

    private final Dialect dialect;
    private final boolean removeUndeclared;

    /**
     * Creates a planner.
     *
     * @param dialect          what the database runs
     * @param removeUndeclared whether policies the spec does not declare are removed
     */
    public Planner(Dialect dialect, boolean removeUndeclared) {
        this.dialect = dialect;
        this.removeUndeclared = removeUndeclared;
    }

    /**
     * Plans one table.
     *
     * @param spec  what is declared
     * @param state what is there
     * @param rows  how to learn whether a plain table has rows
     * @return the plan
     */
    public Result plan(PolicySpec spec, TableState state, RowCheck rows) {
        Draft draft = new Draft(spec, state);
        Optional<TableFailure> invalid = Validation.check(spec, state, dialect);
        if (invalid.isPresent()) {
            return draft.failed(invalid.get());
        }
        Relation relation = state.relation().orElseThrow();
        Hypertable hypertable;
        if (state.hypertable().isPresent()) {
            hypertable = state.hypertable().get();
            draft.inPlace.add("hypertable on " + hypertable.timeColumn());
            chunkInterval(draft, relation, hypertable);
        } else {
            Optional<TableFailure> refused = creationRefused(spec, relation, rows);
            if (refused.isPresent()) {
                return draft.failed(refused.get());
            }
            create(draft, relation);
            hypertable = new Hypertable(0, spec.timeColumn(), spec.chunkInterval(), Optional.empty(),
                    Optional.empty(), false, List.of(), List.of());
        }
        compression(draft, relation, hypertable);
        retention(draft, relation);
        reorder(draft, relation);
        return draft.result();
    }

    private Optional<TableFailure> creationRefused(PolicySpec spec, Relation relation, RowCheck rows) {
        String table = relation.display();
        if (!spec.createHypertable()) {
            return Optional.of(new TableFailure(TableFailure.Kind.NOT_A_HYPERTABLE, "42809",
                    table + " is not a hypertable, and its spec does not create one",
                    "set createHypertable(true) in its PolicySpec, or call create_hypertable yourself"));
        }
        try {
            if (!spec.migrateData() && rows.hasRows(relation)) {
                return Optional.of(new TableFailure(TableFailure.Kind.NOT_A_HYPERTABLE, "0A000",
                        table + " is a plain table with rows; creating the hypertable would have to move them",
                        "set migrateData(true) in its PolicySpec to move the rows into chunks (this locks the"
                                + " table while it runs)"));
            }
        } catch (SQLException e) {
            return Optional.of(Failures.of(table, "checking for rows", e));
        }
        return Optional.empty();
    }

    private void create(Draft draft, Relation relation) {
        PolicySpec spec = draft.spec;
        boolean timeTyped = Validation.isTimeTyped(draft.state.column(spec.timeColumn()).orElseThrow());
        Optional<Duration> interval = timeTyped ? spec.chunkInterval() : Optional.empty();
        String sql = "SELECT * FROM create_hypertable(relation => ?::oid::regclass, dimension => by_range("
                + "column_name => ?::name" + (interval.isPresent() ? ", partition_interval => ?::interval" : "")
                + "), migrate_data => ?::boolean)";
        List<Object> values = new ArrayList<>(List.of(relation.oid(), spec.timeColumn()));
        interval.ifPresent(i -> values.add(Intervals.format(i)));
        values.add(spec.migrateData());
        draft.add(Kind.CREATE_HYPERTABLE, "create hypertable on " + spec.timeColumn()
                + interval.map(i -> " with chunk interval " + Intervals.format(i)).orElse("")
                + (spec.migrateData() ? ", moving existing rows into chunks" : ""), sql, values);
        if (!timeTyped && spec.chunkInterval().isPresent()) {
            draft.unsupported.add(integerChunkInterval(draft));
        }
    }

    private void chunkInterval(Draft draft, Relation relation, Hypertable hypertable) {
        Optional<Duration> wanted = draft.spec.chunkInterval();
        if (wanted.isEmpty()) {
            return;
        }
        if (hypertable.chunkInterval().isEmpty()) {
            draft.unsupported.add(integerChunkInterval(draft));
        } else if (hypertable.chunkInterval().get().equals(wanted.get())) {
            draft.inPlace.add("chunk interval " + Intervals.format(wanted.get()));
        } else {
            draft.add(Kind.SET_CHUNK_INTERVAL, "chunk interval: " + Intervals.format(wanted.get()) + " (was "
                            + Intervals.format(hypertable.chunkInterval().get()) + "; applies to new chunks)",
                    "SELECT set_chunk_time_interval(?::oid::regclass, ?::interval)",
                    List.of(relation.oid(), Intervals.format(wanted.get())));
        }
    }

    private static Unsupported integerChunkInterval(Draft draft) {
        return new Unsupported("chunk interval", "the time column " + draft.spec.timeColumn() + " is an integer,"
                + " whose chunk interval is in the column's own units, not a duration; set it with"
                + " set_chunk_time_interval yourself");
    }

    private void compression(Draft draft, Relation relation, Hypertable hypertable) {
        Optional<PolicySpec.Compression> declared = draft.spec.compression();
        if (declared.isEmpty()) {
            removeUndeclared(draft, PolicyKind.COMPRESSION);
            return;
        }
        if (dialect.edition() == TimescaleEdition.APACHE) {
            draft.unsupported.add(new Unsupported("compression", dialect.licenseReason("compression")
                    + "; the table is stored uncompressed"));
            return;
        }
        PolicySpec.Compression compression = declared.get();
        List<OrderBy> orderBy = Validation.effectiveOrderBy(draft.spec);
        String settings = "segment by " + (compression.segmentBy().isEmpty() ? "nothing"
                : String.join(", ", compression.segmentBy())) + ", order by "
                + orderBy.stream().map(OrderBy::toString).collect(Collectors.joining(", "));
        if (hypertable.compressionEnabled() && hypertable.segmentBy().equals(compression.segmentBy())
                && hypertable.orderBy().equals(orderBy)) {
            draft.inPlace.add("compression: " + settings);
        } else {
            String was = hypertable.compressionEnabled() ? "segment by " + hypertable.segmentBy() + ", order by "
                    + hypertable.orderBy() : "disabled";
            draft.add(Kind.SET_COMPRESSION, "compression: " + settings + " (was " + was + ")",
                    alterCompression(relation, compression.segmentBy(), orderBy), List.of());
        }
        policy(draft, relation, PolicyKind.COMPRESSION, "compress_after", compression.after(),
                compression.schedule(), dialect.addCompressionPolicy(), "after ");
    }

    private String alterCompression(Relation relation, List<String> segmentBy, List<OrderBy> orderBy) {
        String[] options = dialect.compressionOptions();
        String segments = segmentBy.stream().map(Sql::identifier).collect(Collectors.joining(", "));
        String orders = orderBy.stream().map(o -> Sql.identifier(o.column()) + (o.descending() ? " DESC" : " ASC")
                + (o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST")).collect(Collectors.joining(", "));
        return "ALTER TABLE " + Sql.qualified(relation.schema(), relation.name()) + " SET (" + options[0]
                + " = true, " + options[1] + " = " + Sql.literal(segments) + ", " + options[2] + " = "
                + Sql.literal(orders) + ")";
    }

    private void retention(Draft draft, Relation relation) {
        Optional<PolicySpec.Retention> declared = draft.spec.retention();
        if (declared.isEmpty()) {
            removeUndeclared(draft, PolicyKind.RETENTION);
            return;
        }
        if (dialect.edition() == TimescaleEdition.APACHE) {
            draft.unsupported.add(new Unsupported("retention policy", dialect.licenseReason("a background retention"
                    + " policy") + "; call TimescaleAdmin.enforceRetention(specs) from the host's scheduler, which"
                    + " drops chunks older than " + Intervals.format(declared.get().dropAfter())
                    + " with drop_chunks"));
            return;
        }
        policy(draft, relation, PolicyKind.RETENTION, "drop_after", declared.get().dropAfter(),
                declared.get().schedule(), "SELECT add_retention_policy(relation => ?::oid::regclass,"
                        + " drop_after => ?::interval, schedule_interval => ?::interval)", "drop after ");
    }

    private void reorder(Draft draft, Relation relation) {
        Optional<PolicySpec.Reorder> declared = draft.spec.reorder();
        if (declared.isEmpty()) {
            removeUndeclared(draft, PolicyKind.REORDER);
            return;
        }
        if (dialect.edition() == TimescaleEdition.APACHE) {
            draft.unsupported.add(new Unsupported("reorder policy", dialect.licenseReason("a reorder policy")));
            return;
        }
        String index = declared.get().index();
        Optional<Duration> schedule = declared.get().schedule();
        List<Job> jobs = removeDuplicates(draft, PolicyKind.REORDER);
        Optional<Job> job = jobs.stream().findFirst();
        if (job.isPresent() && job.get().index().orElse("").equals(index)) {
            draft.inPlace.add("reorder policy on index " + index);
            alterSchedule(draft, job.get(), schedule);
            return;
        }
        job.ifPresent(j -> draft.remove(j, "reorder policy: index " + index + " (was " + j.index().orElse("?")
                + "): remove job " + j.id() + " and add it again"));
        String add = "add_reorder_policy(hypertable => ?::oid::regclass, index_name => ?::name)";
        List<Object> values = new ArrayList<>(List.of(relation.oid(), index));
        schedule.ifPresent(s -> values.add(Intervals.format(s)));
        draft.add(Kind.ADD_POLICY, "reorder policy: add, on index " + index
                        + schedule.map(s -> ", every " + Intervals.format(s)).orElse(""),
                schedule.isPresent() ? "SELECT alter_job(" + add + ", schedule_interval => ?::interval)"
                        : "SELECT " + add, values);
    }

    private void policy(Draft draft, Relation relation, PolicyKind kind, String lagKey, Duration lag,
                        Optional<Duration> schedule, String addSql, String lagWords) {
        List<Job> jobs = removeDuplicates(draft, kind);
        Optional<Job> job = jobs.stream().findFirst();
        String wanted = lagWords + Intervals.format(lag);
        if (job.isPresent() && job.get().lagKey().orElse("").equals(lagKey)
                && job.get().lag().map(lag::equals).orElse(false)) {
            draft.inPlace.add(kind.label() + ": " + wanted);
            alterSchedule(draft, job.get(), schedule);
            return;
        }
        job.ifPresent(j -> draft.remove(j, kind.label() + ": " + wanted + " (was " + j.lagKey().orElse("?") + " "
                + j.lagText().orElse("?") + "): remove job " + j.id() + " and add it again"));
        List<Object> values = new ArrayList<>(List.of(relation.oid(), Intervals.format(lag)));
        values.add(schedule.map(Intervals::format).orElse(null));
        draft.add(Kind.ADD_POLICY, kind.label() + ": add, " + wanted
                + schedule.map(s -> ", every " + Intervals.format(s)).orElse(""), addSql, values);
    }

    private void alterSchedule(Draft draft, Job job, Optional<Duration> schedule) {
        if (schedule.isEmpty() || schedule.get().equals(job.schedule())) {
            return;
        }
        draft.add(Kind.ALTER_POLICY, job.kind().label() + ": every " + Intervals.format(schedule.get()) + " (was "
                        + Intervals.format(job.schedule()) + ")",
                // alter_job clears the job's timezone unless it is passed again.
                "SELECT alter_job(?::integer, schedule_interval => ?::interval, timezone =>"
                        + " (SELECT timezone FROM _timescaledb_config.bgw_job WHERE id = ?::integer))",
                List.of(job.id(), Intervals.format(schedule.get()), job.id()));
    }

    private List<Job> removeDuplicates(Draft draft, PolicyKind kind) {
        List<Job> jobs = draft.state.jobs(kind);
        for (Job extra : jobs.subList(Math.min(1, jobs.size()), jobs.size())) {
            draft.remove(extra, kind.label() + ": remove duplicate job " + extra.id() + " (job " + jobs.get(0).id()
                    + " stays)");
        }
        return jobs;
    }

    private void removeUndeclared(Draft draft, PolicyKind kind) {
        if (!removeUndeclared || dialect.edition() == TimescaleEdition.APACHE) {
            return;
        }
        for (Job job : draft.state.jobs(kind)) {
            draft.remove(job, kind.label() + ": remove job " + job.id() + ", no longer declared");
        }
    }

    /** The plan of one table while it is being drawn up. */
    private static final class Draft {
        private final PolicySpec spec;
        private final TableState state;
        private final List<Step> steps = new ArrayList<>();
        private final List<String> inPlace = new ArrayList<>();
        private final List<Unsupported> unsupported = new ArrayList<>();

        Draft(PolicySpec spec, TableState state) {
            this.spec = spec;
            this.state = state;
        }

        void add(Kind kind, String description, String sql, List<Object> values) {
            List<String> shown = new ArrayList<>();
            for (Object value : values) {
                shown.add(value instanceof Long oid && state.relation().map(r -> r.oid() == oid).orElse(false)
                        ? oid + " (" + state.relation().get().display() + ")" : String.valueOf(value));
            }
            steps.add(new Step(new PolicyAction(kind, description, sql, shown), values));
        }

        void remove(Job job, String description) {
            add(Kind.REMOVE_POLICY, description, "SELECT delete_job(?::integer)", List.of(job.id()));
        }

        Result failed(TableFailure failure) {
            return new Result(new TablePlan(spec.table(), List.of(), inPlace, unsupported, Optional.of(failure)),
                    List.of());
        }

        Result result() {
            return new Result(new TablePlan(spec.table(), steps.stream().map(Step::action).toList(), inPlace,
                    unsupported, Optional.empty()), steps);
        }
    }
}
