package dev.ms5.timescale.jdbc.internal.plan;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.Intervals;
import dev.ms5.timescale.OrderBy;
import dev.ms5.timescale.Outstanding;
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
import dev.ms5.timescale.jdbc.internal.plan.TableState.CompressedChunks;
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
 * Compares a spec with a table's state and lists the actions that make the table as declared, and the
 * differences it leaves in place on purpose. The same planner serves {@code plan} and {@code applyPolicies},
 * so that what a plan lists is what applying does. It reads nothing itself (but whether a plain table has
 * rows, through {@link RowCheck}), so every decision is testable on table states alone.
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
    private final AdminOptions options;

    /**
     * Creates a planner.
     *
     * @param dialect what the database runs
     * @param options whether undeclared policies are removed, paused jobs resumed, chunks recompressed
     */
    public Planner(Dialect dialect, AdminOptions options) {
        this.dialect = dialect;
        this.options = options;
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
                    Optional.empty(), false, List.of(), List.of(), List.of());
        }
        Optional<TableFailure> refused = compression(draft, relation, hypertable);
        if (refused.isPresent()) {
            return draft.failed(refused.get());
        }
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
        String sql = dialect.createHypertable(interval.isPresent());
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
                    dialect.setChunkInterval(),
                    List.of(relation.oid(), Intervals.format(wanted.get())));
        }
    }

    private static Unsupported integerChunkInterval(Draft draft) {
        return new Unsupported("chunk interval", "the time column " + draft.spec.timeColumn() + " is an integer,"
                + " whose chunk interval is in the column's own units, not a duration; set it with"
                + " set_chunk_time_interval yourself");
    }

    private Optional<TableFailure> compression(Draft draft, Relation relation, Hypertable hypertable) {
        Optional<PolicySpec.Compression> declared = draft.spec.compression();
        if (declared.isEmpty()) {
            removeUndeclared(draft, PolicyKind.COMPRESSION);
            return Optional.empty();
        }
        if (dialect.edition() == TimescaleEdition.APACHE) {
            draft.unsupported.add(new Unsupported("compression", dialect.licenseReason("compression")
                    + "; the table is stored uncompressed"));
            return Optional.empty();
        }
        PolicySpec.Compression compression = declared.get();
        List<OrderBy> orderBy = Validation.effectiveOrderBy(draft.spec);
        String settings = settings(compression.segmentBy(), orderBy);
        boolean same = hypertable.compressionEnabled() && hypertable.segmentBy().equals(compression.segmentBy())
                && hypertable.orderBy().equals(orderBy);
        List<CompressedChunks> other = hypertable.compressedChunks().stream()
                .filter(g -> !g.segmentBy().equals(compression.segmentBy()) || !g.orderBy().equals(orderBy))
                .toList();
        if (same) {
            draft.inPlace.add("compression: " + settings);
        } else if (hypertable.compressionEnabled() && !hypertable.compressedChunks().isEmpty()
                && !dialect.changesCompressedSettings()) {
            return Optional.of(compressedChunksRefuse(relation, hypertable));
        } else {
            String was = hypertable.compressionEnabled()
                    ? settings(hypertable.segmentBy(), hypertable.orderBy()) : "disabled";
            draft.add(Kind.SET_COMPRESSION, "compression: " + settings + " (was " + was + ")",
                    alterCompression(relation, compression.segmentBy(), orderBy), List.of());
        }
        if (!other.isEmpty()) {
            otherChunks(draft, relation, other, settings);
        }
        policy(draft, relation, PolicyKind.COMPRESSION, "compress_after", compression.after(),
                compression.schedule(), compression.paused(), dialect.addCompressionPolicy(), "after ");
        return Optional.empty();
    }

    /** Chunks compressed with other settings keep them: recompress them, or say so. */
    private void otherChunks(Draft draft, Relation relation, List<CompressedChunks> other, String settings) {
        int count = other.stream().mapToInt(CompressedChunks::count).sum();
        String groups = other.stream().map(g -> g.count() + (g.count() == 1 ? " chunk" : " chunks") + " from "
                + g.first() + " to " + g.last() + " with " + settings(g.segmentBy(), g.orderBy()))
                .collect(Collectors.joining("; "));
        if (options.recompressChunks()) {
            draft.steps.add(new Step(new PolicyAction(Kind.RECOMPRESS_CHUNKS, "compression: recompress " + count
                    + " compressed " + (count == 1 ? "chunk" : "chunks") + " with " + settings + " (" + groups
                    + "), one chunk per transaction after the commit", dialect.decompressChunk() + "; "
                    + dialect.compressChunk(), List.of(relation.display())), List.of(), true));
        } else {
            draft.outstanding.add(new Outstanding(Outstanding.Kind.CHUNKS_WITH_OLD_COMPRESSION, "compression: "
                    + count + " compressed " + (count == 1 ? "chunk keeps" : "chunks keep") + " the settings"
                    + " they were compressed with (" + groups + "); " + settings + " applies to chunks"
                    + " compressed from now on", "recompress them with TimescaleAdmin.recompressChunks(\""
                    + relation.display() + "\"), chunk by chunk, or set AdminOptions.recompressChunks(true)"));
        }
    }

    private TableFailure compressedChunksRefuse(Relation relation, Hypertable hypertable) {
        int count = hypertable.compressedChunks().stream().mapToInt(CompressedChunks::count).sum();
        String first = hypertable.compressedChunks().get(0).first();
        String last = hypertable.compressedChunks().get(hypertable.compressedChunks().size() - 1).last();
        return new TableFailure(TableFailure.Kind.INVALID_SPEC, "0A000", relation.display() + ": TimescaleDB "
                + dialect.timescaleVersion() + " cannot change compression settings while compressed chunks exist,"
                + " and it has " + count + " (from " + first + " to " + last + ")", "decompress them with"
                + " TimescaleAdmin.decompressChunks(\"" + relation.display() + "\", " + first + ", " + last
                + "), apply again, then compress them with compressChunks; or update TimescaleDB to 2.14 or newer,"
                + " where new settings apply to new chunks and recompressChunks converts the old ones");
    }

    private static String settings(List<String> segmentBy, List<OrderBy> orderBy) {
        return "segment by " + (segmentBy.isEmpty() ? "nothing" : String.join(", ", segmentBy)) + ", order by "
                + orderBy.stream().map(OrderBy::toString).collect(Collectors.joining(", "));
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
                declared.get().schedule(), declared.get().paused(), dialect.addRetentionPolicy(), "drop after ");
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
        Optional<Job> job = removeDuplicates(draft, PolicyKind.REORDER).stream().findFirst();
        String wanted = "on index " + index;
        if (job.isPresent() && job.get().index().orElse("").equals(index)) {
            inPlace(draft, job.get(), wanted, schedule, declared.get().paused());
            return;
        }
        job.ifPresent(j -> draft.remove(j, "reorder policy: index " + index + " (was " + j.index().orElse("?")
                + "): remove job " + j.id() + " and add it again"));
        List<Object> values = new ArrayList<>(List.of(relation.oid(), index));
        schedule.ifPresent(s -> values.add(Intervals.format(s)));
        draft.add(Kind.ADD_POLICY, "reorder policy: add, " + wanted
                + schedule.map(s -> ", every " + Intervals.format(s)).orElse(""),
                dialect.addReorderPolicy(schedule.isPresent()), values);
        keepPaused(draft, relation, PolicyKind.REORDER, job, declared.get().paused());
    }

    private void policy(Draft draft, Relation relation, PolicyKind kind, String lagKey, Duration lag,
                        Optional<Duration> schedule, boolean paused, String addSql, String lagWords) {
        Optional<Job> job = removeDuplicates(draft, kind).stream().findFirst();
        String wanted = lagWords + Intervals.format(lag);
        if (job.isPresent() && job.get().lagKey().orElse("").equals(lagKey)
                && job.get().lag().map(lag::equals).orElse(false)) {
            inPlace(draft, job.get(), wanted, schedule, paused);
            return;
        }
        job.ifPresent(j -> draft.remove(j, kind.label() + ": " + wanted + " (was " + j.lagKey().orElse("?") + " "
                + j.lagText().orElse("?") + "): remove job " + j.id() + " and add it again"));
        List<Object> values = new ArrayList<>(List.of(relation.oid(), Intervals.format(lag)));
        values.add(schedule.map(Intervals::format).orElse(null));
        draft.add(Kind.ADD_POLICY, kind.label() + ": add, " + wanted
                + schedule.map(s -> ", every " + Intervals.format(s)).orElse(""), addSql, values);
        keepPaused(draft, relation, kind, job, paused);
    }

    /** A job as declared in its age or index: its schedule and its paused state may still differ. */
    private void inPlace(Draft draft, Job job, String wanted, Optional<Duration> schedule, boolean paused) {
        String label = job.kind().label();
        draft.inPlace.add(label + ": " + wanted + (job.scheduled() ? "" : paused ? " (paused, as declared)"
                : " (paused)"));
        alterSchedule(draft, job, schedule);
        if (paused && job.scheduled()) {
            draft.add(Kind.PAUSE_POLICY, label + ": pause job " + job.id() + ", as declared", dialect.scheduleJob(),
                    List.of(job.id(), false));
        } else if (!paused && !job.scheduled()) {
            if (options.resumePausedJobs()) {
                draft.add(Kind.RESUME_POLICY, label + ": resume job " + job.id() + " (was paused)",
                        dialect.scheduleJob(), List.of(job.id(), true));
            } else {
                draft.outstanding.add(paused(job, "is paused; it is left paused"));
            }
        }
    }

    /**
     * A policy added again for a new age or index starts scheduled: pause it when declared paused, or when the
     * job it replaces was paused and paused jobs are not resumed.
     */
    private void keepPaused(Draft draft, Relation relation, PolicyKind kind, Optional<Job> replaced,
                            boolean declaredPaused) {
        boolean wasPaused = replaced.map(j -> !j.scheduled()).orElse(false);
        if (!declaredPaused && (!wasPaused || options.resumePausedJobs())) {
            return;
        }
        draft.add(Kind.PAUSE_POLICY, kind.label() + ": pause the new job" + (declaredPaused ? ", as declared"
                        : ", as job " + replaced.get().id() + " was"), dialect.pausePolicyJobs(),
                List.of(relation.oid(), kind.procedure()));
        if (!declaredPaused) {
            draft.outstanding.add(paused(replaced.get(), "was paused; the policy added again in its place is"
                    + " kept paused"));
        }
    }

    private static Outstanding paused(Job job, String what) {
        return new Outstanding(Outstanding.Kind.PAUSED_JOB, job.kind().label() + ": job " + job.id() + " " + what,
                "if it was not paused on purpose, resume it (SELECT alter_job(" + job.id() + ", scheduled =>"
                        + " true)) or set AdminOptions.resumePausedJobs(true); to keep it paused, declare the"
                        + " policy paused in its PolicySpec");
    }

    private void alterSchedule(Draft draft, Job job, Optional<Duration> schedule) {
        if (schedule.isEmpty() || schedule.get().equals(job.schedule())) {
            return;
        }
        draft.add(Kind.ALTER_POLICY, job.kind().label() + ": every " + Intervals.format(schedule.get()) + " (was "
                        + Intervals.format(job.schedule()) + ")", dialect.alterJobSchedule(),
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
        if (!options.removeUndeclaredPolicies() || dialect.edition() == TimescaleEdition.APACHE) {
            return;
        }
        for (Job job : draft.state.jobs(kind)) {
            draft.remove(job, kind.label() + ": remove job " + job.id() + ", no longer declared");
        }
    }

    /** The plan of one table while it is being drawn up. */
    private final class Draft {
        private final PolicySpec spec;
        private final TableState state;
        private final List<Step> steps = new ArrayList<>();
        private final List<String> inPlace = new ArrayList<>();
        private final List<Unsupported> unsupported = new ArrayList<>();
        private final List<Outstanding> outstanding = new ArrayList<>();

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
            steps.add(new Step(new PolicyAction(kind, description, sql, shown), values, false));
        }

        void remove(Job job, String description) {
            add(Kind.REMOVE_POLICY, description, dialect.deleteJob(), List.of(job.id()));
        }

        Result failed(TableFailure failure) {
            return new Result(new TablePlan(spec.table(), List.of(), inPlace, unsupported, List.of(),
                    Optional.of(failure)), List.of());
        }

        Result result() {
            return new Result(new TablePlan(spec.table(), steps.stream().map(Step::action).toList(), inPlace,
                    unsupported, outstanding, Optional.empty()), steps);
        }
    }
}
