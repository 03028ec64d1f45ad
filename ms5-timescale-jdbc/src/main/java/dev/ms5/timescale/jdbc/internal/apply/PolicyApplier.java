package dev.ms5.timescale.jdbc.internal.apply;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.InvalidPolicyException;
import dev.ms5.timescale.PolicyApplicationException;
import dev.ms5.timescale.PolicyPlan;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TablePlan;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.Failures;
import dev.ms5.timescale.jdbc.internal.Sql;
import dev.ms5.timescale.jdbc.internal.Tx;
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
 * Plans and applies policies. All tables' states are read first in a constant number of queries; only tables
 * with something to do are then applied, each in its own transaction under its advisory lock, after reading
 * its state again (another instance may have applied it meanwhile) and planning against what is there now.
 */
public final class PolicyApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyApplier.class);

    private final DataSource dataSource;
    private final AdminOptions options;
    private final StateReader reader = new StateReader();

    /**
     * Creates the applier.
     *
     * @param dataSource the database
     * @param options    timeouts, lock deadline and failure mode
     */
    public PolicyApplier(DataSource dataSource, AdminOptions options) {
        this.dataSource = dataSource;
        this.options = options;
    }

    /**
     * Plans the specs against the database as it is now, changing nothing.
     *
     * @param dialect what the database runs
     * @param specs   the declared tables
     * @return the plan
     */
    public PolicyPlan plan(Dialect dialect, List<PolicySpec> specs) {
        return new PolicyPlan(planAll(dialect, specs).stream().map(p -> p.result().plan()).toList());
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
        List<Planned> first = planAll(dialect, specs);
        List<TableReport> reports = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            TablePlan plan = first.get(i).result().plan();
            reports.add(plan.failure().isPresent() || plan.actions().isEmpty()
                    ? new TableReport(plan.table(), List.of(), plan.inPlace(), plan.unsupported(), plan.failure(),
                    Duration.ZERO)
                    : applyTable(dialect, specs.get(i), first.get(i).state().relation().orElseThrow().oid()));
        }
        ApplyReport report = new ApplyReport(reports, Duration.ofNanos(System.nanoTime() - start));
        log(report);
        if (options.failOnError() && !report.succeeded()) {
            throw new PolicyApplicationException(report);
        }
        return report;
    }

    /** A table's state as first read, and the plan drawn from it. */
    private record Planned(TableState state, Planner.Result result) {
    }

    private List<Planned> planAll(Dialect dialect, List<PolicySpec> specs) {
        Planner planner = new Planner(dialect, options.removeUndeclaredPolicies());
        try (Connection connection = dataSource.getConnection()) {
            return Tx.read(connection, options.lockTimeout(), options.statementTimeout(), c -> {
                List<TableState> states = reader.read(c, specs.stream().map(PolicySpec::table).toList(),
                        specs.stream().anyMatch(s -> s.reorder().isPresent()));
                requireDistinct(specs, states);
                List<Planned> results = new ArrayList<>();
                for (int i = 0; i < specs.size(); i++) {
                    results.add(new Planned(states.get(i), planner.plan(specs.get(i), states.get(i), rowCheck(c))));
                }
                return results;
            });
        } catch (SQLException e) {
            throw new TimescaleException("Reading the state of " + specs.size() + " tables in database "
                    + dialect.database() + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
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

    /**
     * Applies one table. Its OID, from the first read, keys the lock; the state is read only once the lock is
     * held.
     */
    private TableReport applyTable(Dialect dialect, PolicySpec spec, long oid) {
        long start = System.nanoTime();
        Planner planner = new Planner(dialect, options.removeUndeclaredPolicies());
        String table = spec.table().toString();
        try (Connection connection = dataSource.getConnection()) {
            return Tx.commit(connection, options.lockTimeout(), options.statementTimeout(), c -> {
                Optional<String> holder = AdvisoryLock.take(c, oid, options.advisoryLockDeadline());
                if (holder.isPresent()) {
                    return failed(spec, lockFailure(table, holder.get()), start);
                }
                // Read under the lock: another instance may have applied this table meanwhile.
                TableState state = reader.read(c, List.of(spec.table()), spec.reorder().isPresent()).get(0);
                if (state.relation().isPresent() && state.relation().get().oid() != oid) {
                    // Dropped and created again since the first read: its lock is another one now.
                    return failed(spec, new TableFailure(TableFailure.Kind.SQL_ERROR, "40001", table + " was"
                            + " dropped and created again while its policies were being applied",
                            "apply again"), start);
                }
                Planner.Result result = planner.plan(spec, state, rowCheck(c));
                if (result.plan().failure().isPresent()) {
                    return failed(spec, result.plan().failure().get(), start);
                }
                for (Step step : result.steps()) {
                    LOG.debug("{}: {} -- {}", table, step.action().sql(), step.action().parameters());
                    try {
                        Sql.execute(c, step.action().sql(), step.values());
                    } catch (SQLException e) {
                        c.rollback();
                        return failed(spec, Failures.of(table, step.action().description(), e), start);
                    }
                }
                TablePlan plan = result.plan();
                return new TableReport(spec.table(), plan.actions(), plan.inPlace(), plan.unsupported(),
                        Optional.empty(), Duration.ofNanos(System.nanoTime() - start));
            });
        } catch (SQLException e) {
            return failed(spec, Failures.of(table, "applying", e), start);
        }
    }

    private Planner.RowCheck rowCheck(Connection connection) {
        return relation -> {
            // A savepoint keeps the transaction usable when the table stays locked past lock_timeout.
            Savepoint savepoint = connection.setSavepoint();
            try {
                boolean rows = reader.hasRows(connection, relation);
                connection.releaseSavepoint(savepoint);
                return rows;
            } catch (SQLException e) {
                connection.rollback(savepoint);
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
        return new TableReport(spec.table(), List.of(), List.of(), List.of(), Optional.of(failure),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void log(ApplyReport report) {
        for (TableReport table : report.tables()) {
            if (table.changed()) {
                LOG.info("{}: {} change{} in {} ms: {}", table.table(), table.applied().size(),
                        table.applied().size() == 1 ? "" : "s", table.elapsed().toMillis(),
                        table.applied().stream().map(a -> a.description()).collect(Collectors.joining("; ")));
            }
            if (table.failed() && !options.failOnError()) {
                LOG.warn("{}: not applied: {}", table.table(), table.failure().orElseThrow());
            }
        }
        LOG.info("applyPolicies: {} tables in {} ms: {} changed, {} unchanged, {} failed", report.tables().size(),
                report.elapsed().toMillis(), report.changed().size(),
                report.tables().size() - report.changed().size() - report.failed().size(), report.failed().size());
    }
}
