package dev.ms5.timescale.jdbc.internal.apply;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.InvalidPolicyException;
import dev.ms5.timescale.PolicyApplicationException;
import dev.ms5.timescale.PolicyPlan;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.ReadOnlyServerException;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TablePlan;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.Failures;
import dev.ms5.timescale.jdbc.internal.Sql;
import dev.ms5.timescale.jdbc.internal.Tx;
import dev.ms5.timescale.jdbc.internal.chunks.ChunkOperations;
import dev.ms5.timescale.jdbc.internal.plan.Planner;
import dev.ms5.timescale.jdbc.internal.plan.StateReader;
import dev.ms5.timescale.jdbc.internal.plan.Step;
import dev.ms5.timescale.jdbc.internal.plan.TableState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and applies policies. All tables' states are read first in one statement; only tables with something
 * to do are then applied, each in its own transaction under its advisory lock, after reading its state again
 * (another instance may have applied it meanwhile) and planning against what is there now.
 *
 * <p>Faults: a connection lost while reading the states is retried once on a new connection, then every table
 * fails with the cause; a read-only server fails every table before any is tried; a table whose transaction
 * meets a deadlock or serialization failure is tried once more; an interrupted thread stops the run.
 */
public final class PolicyApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyApplier.class);

    private final DataSource dataSource;
    private final AdminOptions options;
    private final ChunkOperations chunks;

    /**
     * Creates the applier.
     *
     * @param dataSource the database
     * @param options    timeouts, lock deadline, failure mode
     * @param chunks     the chunk operations, for recompressing after a settings change
     */
    public PolicyApplier(DataSource dataSource, AdminOptions options, ChunkOperations chunks) {
        this.dataSource = dataSource;
        this.options = options;
        this.chunks = chunks;
    }

    /**
     * Plans the specs against the database as it is now, changing nothing.
     *
     * @param dialect what the database runs
     * @param specs   the declared tables
     * @return the plan
     */
    public PolicyPlan plan(Dialect dialect, List<PolicySpec> specs) {
        return new PolicyPlan(planAll(dialect, specs).plans.stream().map(p -> p.result().plan()).toList());
    }

    /**
     * Applies the specs.
     *
     * @param dialect what the database runs
     * @param specs   the declared tables
     * @return the report
     * @throws PolicyApplicationException when a table failed and failOnError is set
     */
    public ApplyReport apply(Dialect dialect, List<PolicySpec> specs) {
        long start = System.nanoTime();
        Planning planning = planAll(dialect, specs);
        if (planning.readOnly.isPresent()) {
            return finish(allFailed(specs, planning.readOnly.get(), start), true);
        }
        List<TableReport> reports = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                reports.add(failed(specs.get(i), new TableFailure(TableFailure.Kind.INTERRUPTED, "", specs.get(i).table()
                        + ": not applied: the thread was interrupted before this table", "apply again at the next"
                        + " start"), System.nanoTime()));
                continue;
            }
            TablePlan plan = planning.plans.get(i).result().plan();
            reports.add(plan.failure().isPresent() || plan.actions().isEmpty()
                    ? new TableReport(plan.table(), List.of(), plan.inPlace(), plan.unsupported(),
                    plan.outstanding(), plan.failure(), Duration.ZERO)
                    : applyTable(dialect, specs.get(i), planning.plans.get(i).state().relation().orElseThrow().oid()));
        }
        return finish(new ApplyReport(reports, Duration.ofNanos(System.nanoTime() - start)), false);
    }

    /**
     * Reports that the database could not be used at all (no connection, no extension), or throws that
     * exception when failOnError is set.
     *
     * @param specs the declared tables
     * @param cause why the database cannot be used
     * @return the report, every table failed with the cause
     */
    public ApplyReport unavailable(List<PolicySpec> specs, TimescaleException cause) {
        if (options.failOnError()) {
            throw cause;
        }
        long start = System.nanoTime();
        List<TableReport> reports = specs.stream().map(s -> failed(s, new TableFailure(
                TableFailure.Kind.DATABASE_UNAVAILABLE, cause.getCause() instanceof SQLException e
                ? e.getSQLState() : "", s.table() + ": not applied: " + cause.getMessage(),
                "see the message; apply again when the database is usable"), start)).toList();
        return finish(new ApplyReport(reports, Duration.ofNanos(System.nanoTime() - start)), false);
    }

    private ApplyReport finish(ApplyReport report, boolean readOnly) {
        log(report);
        if (options.failOnError() && !report.succeeded()) {
            throw readOnly ? new ReadOnlyServerException(report) : new PolicyApplicationException(report);
        }
        return report;
    }

    /** A table's state as first read, and the plan drawn from it. */
    private record Planned(TableState state, Planner.Result result) {
    }

    /** The plans of all tables, and the reason nothing may be applied, when the server is read-only. */
    private record Planning(List<Planned> plans, Optional<String> readOnly) {
    }

    private Planning planAll(Dialect dialect, List<PolicySpec> specs) {
        StateReader.Snapshot snapshot;
        try {
            snapshot = snapshot(new StateReader(dialect), specs);
        } catch (SQLException e) {
            return new Planning(specs.stream().map(s -> unread(s, specs.size(), e)).toList(), Optional.empty());
        }
        requireDistinct(specs, snapshot.tables());
        Planner planner = new Planner(dialect, options);
        List<Planned> plans = new ArrayList<>();
        try (RowChecker rows = new RowChecker(dataSource, new StateReader(dialect), options)) {
            for (int i = 0; i < specs.size(); i++) {
                plans.add(new Planned(snapshot.tables().get(i), planner.plan(specs.get(i), snapshot.tables().get(i),
                        rows)));
            }
        }
        return new Planning(plans, !snapshot.readOnly() ? Optional.empty() : Optional.of(snapshot.inRecovery()
                ? "database " + dialect.database() + " is a read-only replica (pg_is_in_recovery() is true)"
                : "database " + dialect.database() + " is read-only for this connection (transaction_read_only"
                        + " is on, e.g. through default_transaction_read_only)"));
    }

    /** Reads all states; a lost connection is given one more try on a new one. */
    private StateReader.Snapshot snapshot(StateReader reader, List<PolicySpec> specs) throws SQLException {
        try {
            return readOnce(reader, specs);
        } catch (SQLException e) {
            if (!Sql.isConnectionFailure(e)) {
                throw e;
            }
            LOG.info("applyPolicies: the connection was lost while reading the state of {} tables ({}); reading"
                    + " again on a new connection", specs.size(), Failures.describe(e));
            try {
                return readOnce(reader, specs);
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    private StateReader.Snapshot readOnce(StateReader reader, List<PolicySpec> specs) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return Tx.single(connection, c -> reader.read(c, specs.stream().map(PolicySpec::table).toList(),
                    options.statementTimeout()));
        }
    }

    private static Planned unread(PolicySpec spec, int tables, SQLException e) {
        TableFailure failure = Failures.of(spec.table().toString(), "reading the state of the " + tables
                + (tables == 1 ? " declared table" : " declared tables"), e);
        return new Planned(new TableState(spec.table(), Optional.empty(), List.of(), Optional.empty(), List.of(),
                List.of()), new Planner.Result(new TablePlan(spec.table(), List.of(), List.of(), List.of(),
                List.of(), Optional.of(failure)), List.of()));
    }

    private static ApplyReport allFailed(List<PolicySpec> specs, String reason, long start) {
        return new ApplyReport(specs.stream().map(s -> failed(s, new TableFailure(TableFailure.Kind.READ_ONLY_SERVER,
                "25006", s.table() + ": not applied: " + reason, "apply policies on the primary (plan() and"
                + " health() work on replicas); nothing was changed"), start)).toList(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Two specs of one table, however spelled, would undo each other on every boot. */
    private static void requireDistinct(List<PolicySpec> specs, List<TableState> states) {
        Map<Long, PolicySpec> byOid = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Optional<TableState.Relation> relation = states.get(i).relation();
            PolicySpec earlier = relation.isEmpty() ? null : byOid.putIfAbsent(relation.get().oid(), specs.get(i));
            if (earlier != null) {
                throw new InvalidPolicyException("table " + relation.get().display() + " is declared twice, as "
                        + earlier.table() + " and as " + specs.get(i).table() + "; declare each table once");
            }
        }
    }

    /** Applies one table; a deadlock or serialization failure gets one more try in a new transaction. */
    private TableReport applyTable(Dialect dialect, PolicySpec spec, long oid) {
        TableReport report = new TableApplication(dialect, spec, oid).run();
        String state = report.failure().map(TableFailure::sqlState).orElse("");
        if (state.equals("40P01") || state.equals("40001")) {
            LOG.info("{}: {}; trying once more in a new transaction", spec.table(), report.failure().get().message());
            report = new TableApplication(dialect, spec, oid).run();
        }
        return report;
    }

    /** One attempt at one table, remembering the step it is at, so that a failure names it. */
    private final class TableApplication {
        private final Dialect dialect;
        private final PolicySpec spec;
        private final long oid;
        private final String table;
        private final long start = System.nanoTime();
        private String step = "connecting";

        TableApplication(Dialect dialect, PolicySpec spec, long oid) {
            this.dialect = dialect;
            this.spec = spec;
            this.oid = oid;
            this.table = spec.table().toString();
        }

        TableReport run() {
            Connection connection;
            Object outcome;
            try {
                connection = dataSource.getConnection();
            } catch (SQLException e) {
                LOG.debug("{}: {} failed", table, step, e);
                return failed(spec, Failures.of(table, step, e), start);
            }
            try {
                outcome = Tx.commit(connection, options.lockTimeout(), options.statementTimeout(), this::apply);
            } catch (SQLException e) {
                try {
                    connection.close();
                } catch (SQLException close) {
                    e.addSuppressed(close);
                }
                LOG.debug("{}: {} failed", table, step, e);
                return failed(spec, Failures.of(table, step, e), start);
            }
            try {
                connection.close();
            } catch (SQLException e) {
                // Committed (or refused before any change): giving the connection back does not change that.
                LOG.warn("{}: giving its connection back failed: {}", table, Failures.describe(e));
            }
            if (outcome instanceof TableFailure failure) {
                return failed(spec, failure, start);
            }
            return afterCommit((Planner.Result) outcome);
        }

        /** Returns the plan applied, or the failure that stopped it before any change. */
        private Object apply(Connection c) throws SQLException {
            step = "taking the policy lock";
            Optional<String> holder = AdvisoryLock.take(c, oid, options.advisoryLockDeadline());
            if (holder.isPresent()) {
                return lockFailure(table, holder.get());
            }
            // Read under the lock: another instance may have applied this table meanwhile.
            step = "reading the table's state";
            TableState state = new StateReader(dialect).read(c, List.of(spec.table()), options.statementTimeout())
                    .tables().get(0);
            if (state.relation().isPresent() && state.relation().get().oid() != oid) {
                // Dropped and created again since the first read: its lock is another one now.
                return new TableFailure(TableFailure.Kind.SQL_ERROR, "40001", table + " was dropped and created"
                        + " again while its policies were being applied", "apply again");
            }
            step = "planning";
            Planner.Result result = new Planner(dialect, options).plan(spec, state, rowCheck(c, dialect));
            if (result.plan().failure().isPresent()) {
                return result.plan().failure().get();
            }
            for (Step each : result.steps()) {
                if (!each.afterCommit()) {
                    step = each.action().description();
                    LOG.debug("{}: {} -- {}", table, each.action().sql(), each.action().parameters());
                    Sql.execute(c, each.action().sql(), each.values());
                }
            }
            return result;
        }

        /** Recompresses chunks when planned; the table's own changes are committed by now. */
        private TableReport afterCommit(Planner.Result result) {
            TablePlan plan = result.plan();
            Optional<TableFailure> failure = Optional.empty();
            List<dev.ms5.timescale.PolicyAction> applied = plan.actions();
            if (result.steps().stream().anyMatch(Step::afterCommit)) {
                try {
                    chunks.recompress(dialect, spec.table());
                } catch (TimescaleException e) {
                    applied = result.steps().stream().filter(s -> !s.afterCommit()).map(Step::action).toList();
                    failure = Optional.of(new TableFailure(TableFailure.Kind.SQL_ERROR, sqlState(e), table + ": the"
                            + " changes were committed, but recompressing its chunks stopped: " + e.getMessage(),
                            "run TimescaleAdmin.recompressChunks(\"" + table + "\") again; it picks up where it"
                                    + " stopped"));
                }
            }
            return new TableReport(spec.table(), applied, plan.inPlace(), plan.unsupported(), plan.outstanding(),
                    failure, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static String sqlState(Throwable e) {
        return e.getCause() instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
    }

    private static Planner.RowCheck rowCheck(Connection connection, Dialect dialect) {
        StateReader reader = new StateReader(dialect);
        return relation -> {
            // A savepoint keeps the transaction usable when the table stays locked past lock_timeout.
            Savepoint savepoint = connection.setSavepoint();
            try {
                boolean rows = reader.hasRows(connection, relation);
                connection.releaseSavepoint(savepoint);
                return rows;
            } catch (SQLException e) {
                try {
                    connection.rollback(savepoint);
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        };
    }

    private TableFailure lockFailure(String table, String holder) {
        return new TableFailure(TableFailure.Kind.LOCK_TIMEOUT, "55P03", table + ": the policy lock of this table"
                + " stayed held for " + options.advisoryLockDeadline().toMillis() + " ms by " + holder,
                "wait for that session to finish, or end it (SELECT pg_terminate_backend(pid)); raise"
                        + " AdminOptions.advisoryLockDeadline if its work is long");
    }

    private static TableReport failed(PolicySpec spec, TableFailure failure, long start) {
        return new TableReport(spec.table(), List.of(), List.of(), List.of(), List.of(), Optional.of(failure),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void log(ApplyReport report) {
        for (TableReport table : report.tables()) {
            if (table.changed()) {
                LOG.info("{}: {} change{} in {} ms: {}", table.table(), table.applied().size(),
                        table.applied().size() == 1 ? "" : "s", table.elapsed().toMillis(),
                        table.applied().stream().map(a -> a.description()).collect(Collectors.joining("; ")));
            }
            table.outstanding().forEach(o -> LOG.warn("{}: {}", table.table(), o));
            if (table.failed() && !options.failOnError()) {
                LOG.warn("{}: not applied: {}", table.table(), table.failure().orElseThrow());
            }
        }
        long unchanged = report.tables().stream().filter(t -> !t.changed() && !t.failed()).count();
        LOG.info("applyPolicies: {} tables in {} ms: {} changed, {} unchanged, {} failed", report.tables().size(),
                report.elapsed().toMillis(), report.changed().size(), unchanged, report.failed().size());
    }
}
