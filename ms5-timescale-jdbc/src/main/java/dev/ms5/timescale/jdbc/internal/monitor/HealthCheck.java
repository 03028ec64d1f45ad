package dev.ms5.timescale.jdbc.internal.monitor;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.HealthReport.Check;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.Failures;
import dev.ms5.timescale.jdbc.internal.Sql;
import dev.ms5.timescale.jdbc.internal.Tx;
import dev.ms5.timescale.jdbc.internal.apply.PolicyApplier;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The health report: its checks run one after the other on one connection, in a worker thread, against one
 * deadline. When the deadline passes, the caller returns at once: the checks that finished keep their status,
 * the others are {@code UNKNOWN}, the connection is aborted (which ends any read blocked on it, so no thread
 * stays blocked) and the database is {@code DOWN}, having stopped answering. A worker still waiting for its
 * connection cannot be aborted (no connection exists yet; the {@code DataSource}'s own timeouts end the wait): until
 * it is given or refused, the next reports ask for no other and say so, so that a server that accepts connections
 * but never answers holds one thread of ours, not one per report. The policies check plans after those reads, on
 * connections of its own bounded by the lock and statement timeouts: when only it is late, it is {@code UNKNOWN},
 * the database keeps the status its reads gave, and the worker is interrupted (the plan stops at its next
 * statement). Never throws.
 */
public final class HealthCheck {

    private static final List<String> CHECKS = List.of("connection", "extension", "edition", "scheduler",
            "workers", "jobs", "compression", "policies");

    private final DataSource dataSource;
    private final Duration timeout;
    private final StatisticsReader statistics;
    private final Supplier<Dialect> dialect;
    private final PolicyApplier applier;
    /** The attempt to connect of a report that gave up on it, while it still waits. */
    private final AtomicReference<Attempt> abandoned = new AtomicReference<>();

    /**
     * Creates the check.
     *
     * @param dataSource the database
     * @param timeout    the longest the report may take
     * @param statistics the readers of the statistics
     * @param dialect    the database's dialect, read on first use
     * @param applier    the planner, for the policies check
     */
    public HealthCheck(DataSource dataSource, Duration timeout, StatisticsReader statistics, Supplier<Dialect> dialect,
                       PolicyApplier applier) {
        this.dataSource = dataSource;
        this.timeout = timeout;
        this.statistics = statistics;
        this.dialect = dialect;
        this.applier = applier;
    }

    /**
     * Runs the checks.
     *
     * @param specs the declared tables, for the policies check (none: no such check)
     * @return the report; never throws
     */
    public HealthReport check(List<PolicySpec> specs) {
        long start = System.nanoTime();
        Attempt waiting = abandoned.get();
        if (waiting != null) {
            return stillWaiting(waiting, specs, start);
        }
        Map<String, Check> done = new ConcurrentHashMap<>();
        AtomicReference<Connection> borrowed = new AtomicReference<>();
        AtomicBoolean readsDone = new AtomicBoolean();
        Attempt attempt = new Attempt(start);
        FutureTask<Void> task = new FutureTask<>(() -> {
            run(specs, done, borrowed, attempt, readsDone);
            return null;
        });
        Reads.EXECUTOR.execute(task);
        boolean late = !await(task);
        // Late after the connection's reads: only the plan of the policies check is (it has connections of its own,
        // bounded by the lock and statement timeouts, and ends on the interrupt): the database did answer.
        boolean planLate = late && readsDone.get();
        // What finished in time; after the deadline the worker's writes (its reads failing on the aborted
        // connection, say) are not the report's.
        Map<String, Check> finished = late ? Map.copyOf(done) : done;
        if (late) {
            if (abandoned.compareAndSet(null, attempt) && !attempt.abandon()) {
                abandoned.compareAndSet(attempt, null);
            }
            abort(borrowed.get());
            task.cancel(true);
        }
        List<Check> checks = new ArrayList<>();
        for (String name : CHECKS) {
            Check check = finished.get(name);
            if (check == null && planLate && name.equals("policies")) {
                check = HealthRules.unknown(name, "the plan did not finish within " + timeout.toMillis() + " ms (it"
                        + " waits for table locks up to AdminOptions.lockTimeout). Fix: look for long transactions"
                        + " holding locks on the declared tables; raise AdminOptions.healthTimeout if it is only slow",
                        elapsed(start));
            } else if (check == null && name.equals("connection") && late) {
                check = HealthRules.down("connection", "the database did not answer within " + timeout.toMillis()
                        + " ms. Fix: check that the server is up and not overloaded; raise"
                        + " AdminOptions.healthTimeout if it is only slow", elapsed(start));
            } else if (check == null && late && !(name.equals("policies") && specs.isEmpty())) {
                check = HealthRules.unknown(name, "not finished within " + timeout.toMillis() + " ms", elapsed(start));
            }
            if (check != null) {
                checks.add(late && !planLate && name.equals("connection") && check.status() == HealthReport.Status.UP
                        ? HealthRules.down("connection", "the database stopped answering within " + timeout.toMillis()
                        + " ms, after the first checks. Fix: check that the server is up and not overloaded",
                        elapsed(start)) : check);
            }
        }
        return HealthReport.of(checks, elapsed(start));
    }

    private HealthReport stillWaiting(Attempt waiting, List<PolicySpec> specs, long start) {
        List<Check> checks = new ArrayList<>();
        checks.add(HealthRules.down("connection", "a connection asked for " + elapsed(waiting.start).toMillis()
                + " ms ago, by an earlier report, has been neither given nor refused yet; no other is asked for until"
                + " it is. Fix: check that the server is up and not overloaded; the DataSource's connect and socket"
                + " timeouts (or its pool's) bound that wait", elapsed(start)));
        CHECKS.stream().skip(1).filter(name -> !(name.equals("policies") && specs.isEmpty()))
                .forEach(name -> checks.add(HealthRules.unknown(name, "not run: no connection", elapsed(start))));
        return HealthReport.of(checks, elapsed(start));
    }

    /** One report's attempt to connect: given, or given up on by the report while it waits. */
    private static final class Attempt {
        private static final int CONNECTING = 0;
        private static final int DONE = 1;
        private static final int ABANDONED = 2;
        private final long start;
        private final AtomicInteger state = new AtomicInteger(CONNECTING);

        Attempt(long start) {
            this.start = start;
        }

        /** Whether the report still waits for the connection (else it gave up on it). */
        boolean done() {
            return state.compareAndSet(CONNECTING, DONE);
        }

        /** Whether the connection was still awaited (else it was given or refused meanwhile). */
        boolean abandon() {
            return state.compareAndSet(CONNECTING, ABANDONED);
        }
    }

    private boolean await(Future<Void> task) {
        try {
            task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private void run(List<PolicySpec> specs, Map<String, Check> done, AtomicReference<Connection> borrowed,
                     Attempt attempt, AtomicBoolean readsDone) {
        long start = System.nanoTime();
        try (Connection connection = connect(attempt)) {
            if (connection == null) {
                return;
            }
            borrowed.set(connection);
            int networkTimeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Reads.EXECUTOR, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            try {
                Tx.read(connection, timeout, timeout, c -> {
                    checks(c, done, specs);
                    return null;
                });
            } catch (SQLException | RuntimeException e) {
                borrowed.set(null);
                try {
                    if (!connection.isClosed()) {
                        connection.setNetworkTimeout(Reads.EXECUTOR, networkTimeout);
                    }
                } catch (SQLException restore) {
                    e.addSuppressed(restore);
                }
                throw e;
            }
            // Not to be aborted any more: it goes back to the pool, and may serve another caller soon.
            borrowed.set(null);
            connection.setNetworkTimeout(Reads.EXECUTOR, networkTimeout);
        } catch (SQLException | RuntimeException e) {
            if (libraryMismatch(e)) {
                done.put("extension", HealthRules.down("extension", "this session loaded another version of the"
                        + " TimescaleDB library than the database has: " + message(e) + ". Fix: reconnect the"
                        + " sessions opened before ALTER EXTENSION timescaledb UPDATE (restart the connection pool);"
                        + " after a package upgrade, restart the server", elapsed(start)));
            }
            done.putIfAbsent("connection", HealthRules.down("connection", "the database cannot be reached: "
                    + message(e) + ". Fix: check that the server is up and that the DataSource's URL, user and"
                    + " password are right", elapsed(start)));
            if (done.get("connection").status() == HealthReport.Status.UP) {
                // Reached, then lost: the checks not done yet say why.
                CHECKS.stream().filter(name -> !name.equals("policies")).forEach(name -> done.putIfAbsent(name,
                        HealthRules.unknown(name, "could not be read: " + message(e), elapsed(start))));
            }
            return;
        }
        readsDone.set(true);
        // The plan borrows connections of its own: only once this one is back, so that a pool of one suffices.
        if (!specs.isEmpty() && done.containsKey("extension")
                && done.get("extension").status() != HealthReport.Status.DOWN) {
            long planStart = System.nanoTime();
            try {
                done.put("policies", HealthRules.policies(applier.plan(dialect.get(), specs), elapsed(planStart)));
            } catch (RuntimeException e) {
                done.put("policies", HealthRules.unknown("policies", "could not plan: " + message(e),
                        elapsed(planStart)));
            }
        }
    }

    /** The connection, or null when the report gave up waiting for it (then it is closed at once). */
    private Connection connect(Attempt attempt) throws SQLException {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            if (!attempt.done()) {
                abandoned.compareAndSet(attempt, null);
            }
            throw e;
        }
        if (attempt.done()) {
            return connection;
        }
        abandoned.compareAndSet(attempt, null);
        connection.close();
        return null;
    }

    private void checks(Connection connection, Map<String, Check> done, List<PolicySpec> specs) throws SQLException {
        long start = System.nanoTime();
        long[] roundTrip = new long[1];
        Sql.execute(connection, "SELECT 1");
        roundTrip[0] = System.nanoTime() - start;
        done.put("connection", HealthRules.connection(Duration.ofNanos(roundTrip[0]), elapsed(start)));
        start = System.nanoTime();
        ExtensionInfo extension;
        try {
            extension = statistics.extension(connection);
        } catch (TimescaleException e) {
            done.put("extension", HealthRules.down("extension", e.getMessage(), elapsed(start)));
            return;
        }
        Duration took = elapsed(start);
        done.put("extension", HealthRules.extension(extension, took));
        if (!extension.installed()) {
            return;
        }
        done.put("edition", HealthRules.edition(extension, took));
        done.put("scheduler", HealthRules.scheduler(extension, took));
        done.put("workers", HealthRules.workers(extension, took));
        guarded(done, "jobs", () -> HealthRules.jobs(statistics.jobs(connection), Instant.now(), Duration.ZERO));
        TimescaleEdition edition = extension.edition().orElse(TimescaleEdition.APACHE);
        guarded(done, "compression", () -> HealthRules.compression(edition == TimescaleEdition.TIMESCALE
                ? statistics.compression(connection, false) : List.of(), edition, Duration.ZERO));
    }

    /** A read that fails alone leaves its check unknown; a lost connection ends the others. */
    @FunctionalInterface
    private interface CheckRead {
        Check read() throws SQLException;
    }

    private static void guarded(Map<String, Check> done, String name, CheckRead read) throws SQLException {
        long start = System.nanoTime();
        try {
            Check check = read.read();
            done.put(name, new Check(check.name(), check.status(), check.detail(), elapsed(start), check.data()));
        } catch (SQLException e) {
            if (Sql.isConnectionFailure(e)) {
                throw e;
            }
            done.put(name, HealthRules.unknown(name, "could not be read: " + message(e), elapsed(start)));
        } catch (TimescaleException e) {
            done.put(name, HealthRules.unknown(name, "could not be read: " + e.getMessage(), elapsed(start)));
        }
    }

    /** What TimescaleDB says to a session whose loaded library is not the installed version. */
    private static boolean libraryMismatch(Exception e) {
        String text = String.valueOf(e.getMessage());
        return text.contains("already loaded with a different version") || text.contains("loader version out-of-date")
                || text.contains("version mismatch: shared library version");
    }

    private static void abort(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.abort(Reads.EXECUTOR);
        } catch (SQLException | RuntimeException e) {
            // Aborting is the last resort; the blocked read still ends at the network timeout.
        }
    }

    private static String message(Exception e) {
        return e instanceof SQLException sql ? Failures.describe(sql) + " (SQLState " + sql.getSQLState() + ")"
                : e.getMessage();
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
