package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicyApplicationException;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableFailure.Kind;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A connection that dies while applying: the failure reports the server's own error (SQLState and message) and
 * the step that was running; a lost state read is read again on a new connection; the tables not touched by the
 * fault are applied; a COMMIT lost in flight is reported as of unknown outcome; an interrupted thread stops.
 */
@TimescaleTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConnectionFaultIT {

    private static final String TERMINATED = "terminating connection due to administrator command";

    @Test
    void aSessionTerminatedOnItsDdlReportsTheServersErrorAndTheStep(DataSource dataSource) throws Exception {
        plainTables(dataSource, "term_a", "term_b");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false)
                .lockTimeout(Duration.ofSeconds(30)));
        // Moving rows skips the check for rows, so the first statement to wait for the table is the DDL.
        List<PolicySpec> specs = specs("term_a", "term_b").stream().map(s -> s.toBuilder().migrateData(true).build())
                .toList();

        ApplyReport report;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE term_a IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<ApplyReport> applying = CompletableFuture.supplyAsync(() -> admin.applyPolicies(specs));
            terminateWaiting(dataSource, "create_hypertable", 1);
            report = applying.get(20, TimeUnit.SECONDS);
            holder.rollback();
        }

        TableFailure failure = report.tables().get(0).failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(failure.sqlState()).isEqualTo("57P01");
        assertThat(failure.message()).startsWith("term_a: create hypertable on ts with chunk interval 1 day, moving"
                + " existing rows into chunks failed: ").contains(TERMINATED);
        assertThat(failure.fix()).contains("rolled back", "apply again");
        assertApplied(dataSource, report, 1, "term_b");
        assertThat(Db.rows(dataSource, "SELECT hypertable_name FROM timescaledb_information.hypertables"))
                .contains("term_b").doesNotContain("term_a");
        assertNoAdvisoryLocks(dataSource);
        assertThat(admin.applyPolicies(specs).changed()).extracting(t -> t.table().name()).containsExactly("term_a");
    }

    @Test
    void aSessionTerminatedWhileCheckingAPlainTableFailsOnlyThatTable(DataSource dataSource) throws Exception {
        plainTables(dataSource, "rows_a", "rows_b", "rows_c");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false)
                .lockTimeout(Duration.ofSeconds(30)));

        ApplyReport report;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE rows_a IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<ApplyReport> applying = CompletableFuture.supplyAsync(
                    () -> admin.applyPolicies(specs("rows_a", "rows_b", "rows_c")));
            terminateWaiting(dataSource, "SELECT EXISTS", 1);
            report = applying.get(20, TimeUnit.SECONDS);
            holder.rollback();
        }

        TableFailure failure = report.tables().get(0).failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(failure.sqlState()).isEqualTo("57P01");
        assertThat(failure.message()).startsWith("public.rows_a: checking for rows failed: ").contains(TERMINATED);
        assertApplied(dataSource, report, 1, "rows_b", "rows_c");
        assertNoAdvisoryLocks(dataSource);
    }

    @Test
    void aStateReadThatLosesItsConnectionIsReadAgainOnANewOne(DataSource dataSource) throws Exception {
        hypertables(dataSource, "again_a", "again_b");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false));

        ApplyReport report;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            // The state read joins the chunks' dimension slices: locked, they make the read wait at planning.
            execute(holder, "LOCK TABLE _timescaledb_catalog.dimension_slice IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<ApplyReport> applying = CompletableFuture.supplyAsync(
                    () -> admin.applyPolicies(specs("again_a", "again_b")));
            terminateWaiting(dataSource, "WITH wanted AS", 1);
            holder.rollback();
            report = applying.get(20, TimeUnit.SECONDS);
        }

        assertThat(report.failed()).isEmpty();
        assertApplied(dataSource, report, 0, "again_a", "again_b");
    }

    @Test
    void aStateReadLostTwiceFailsEveryTableWithTheCauseAndThrowsOnlyWhenAsked(DataSource dataSource)
            throws Exception {
        hypertables(dataSource, "twice_a", "twice_b");
        List<PolicySpec> specs = specs("twice_a", "twice_b");

        ApplyReport report = withCatalogLockedAndReadsTerminated(dataSource,
                () -> TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false)).applyPolicies(specs));

        assertThat(report.tables()).allSatisfy(t -> {
            TableFailure failure = t.failure().orElseThrow();
            assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
            assertThat(failure.sqlState()).isEqualTo("57P01");
            assertThat(failure.message()).contains("reading the state of the 2 declared tables failed", TERMINATED);
        });
        assertThatThrownBy(() -> withCatalogLockedAndReadsTerminated(dataSource,
                () -> TimescaleAdmin.create(dataSource).applyPolicies(specs)))
                .hasCauseInstanceOf(PolicyApplicationException.class)
                .cause().hasMessageContaining("Policies failed on 2 of 2 tables").hasMessageContaining(TERMINATED)
                .hasMessageNotContaining("The other");
        assertThat(chunkInterval(dataSource, "twice_a")).isEqualTo("2 days");
    }

    @Test
    void aCutNetworkEndsAtTheSocketTimeoutNamingTheReadTimeOut(TimescaleDatabase database) throws Exception {
        DataSource direct = database.dataSource();
        hypertables(direct, "cut_a", "cut_b");
        try (TcpProxy proxy = TcpProxy.to(database.jdbcUrl())) {
            TimescaleAdmin admin = TimescaleAdmin.create(dataSource(proxy.url(database.jdbcUrl(), "socketTimeout=3")),
                    AdminOptions.defaults().failOnError(false));
            proxy.blackholeOn("set_chunk_time_interval");

            long start = System.nanoTime();
            ApplyReport report = admin.applyPolicies(specs("cut_a", "cut_b"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            TableFailure failure = report.tables().get(0).failure().orElseThrow();
            assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
            assertThat(failure.sqlState()).startsWith("08");
            assertThat(failure.message()).startsWith("cut_a: chunk interval: 1 day (was 2 days; applies to new chunks)"
                    + " failed: An I/O error occurred while sending to the backend.").contains("Read timed out");
            assertThat(millis).isBetween(2_900L, 20_000L);
            assertApplied(direct, report, 1, "cut_b");
        }
        // The server still has the orphaned session, idle in its transaction; it ends by itself after
        // idle_in_transaction_session_timeout. Ending it now keeps the test short.
        Db.execute(direct, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()");
        assertThat(TimescaleAdmin.create(direct).applyPolicies(specs("cut_a", "cut_b")).changed())
                .extracting(t -> t.table().name()).containsExactly("cut_a");
    }

    @Test
    void aServerGoneBetweenTwoTablesFailsTheOneInBetweenAndTheNextIsApplied(TimescaleDatabase database)
            throws Exception {
        DataSource direct = database.dataSource();
        hypertables(direct, "gone_a", "gone_b", "gone_c");
        try (TcpProxy proxy = TcpProxy.to(database.jdbcUrl())) {
            PGSimpleDataSource through = dataSource(proxy.url(database.jdbcUrl(), ""));
            AtomicInteger borrowed = new AtomicInteger();
            // Borrowed in order: the dialect read, the state read, then one connection per table; down while
            // gone_b borrows.
            DataSource restarting = new DelegatingDataSource(through, () -> proxy.refuse(borrowed.incrementAndGet() == 4));
            ApplyReport report = TimescaleAdmin.create(restarting, AdminOptions.defaults().failOnError(false))
                    .applyPolicies(specs("gone_a", "gone_b", "gone_c"));

            TableFailure failure = report.tables().get(1).failure().orElseThrow();
            assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
            assertThat(failure.sqlState()).startsWith("08");
            assertThat(failure.message()).startsWith("gone_b: connecting failed: The connection attempt failed.");
            assertThat(report.tables().get(0).changed()).isTrue();
            assertThat(report.tables().get(2).changed()).isTrue();
            assertThat(chunkInterval(direct, "gone_b")).isEqualTo("2 days");
            assertThat(chunkInterval(direct, "gone_c")).isEqualTo("1 day");
        }
    }

    @Test
    void aCommitLostInFlightIsOfUnknownOutcomeAndApplyingAgainConverges(TimescaleDatabase database)
            throws Exception {
        DataSource direct = database.dataSource();
        hypertables(direct, "commit_a");
        try (TcpProxy proxy = TcpProxy.to(database.jdbcUrl())) {
            TimescaleAdmin admin = TimescaleAdmin.create(dataSource(proxy.url(database.jdbcUrl(), "")),
                    AdminOptions.defaults().failOnError(false));
            proxy.severAfter("COMMIT\u0000");

            TableReport report = admin.applyPolicies(specs("commit_a")).tables().get(0);

            assertThat(proxy.triggered()).isEqualTo(1);
            TableFailure failure = report.failure().orElseThrow();
            assertThat(failure.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
            assertThat(failure.message()).startsWith("commit_a: unknown outcome: the connection failed while the"
                    + " commit was in flight").endsWith("the commit may have been applied");
            assertThat(failure.fix()).startsWith("apply again to converge");
            // Here the COMMIT did reach the server.
            assertThat(chunkInterval(direct, "commit_a")).isEqualTo("1 day");
            TableReport again = admin.applyPolicies(specs("commit_a")).tables().get(0);
            assertThat(again.failure()).isEmpty();
            assertThat(again.changed()).isFalse();
        }
    }

    @Test
    void anInterruptedThreadStopsWaitingForTheLockAndAppliesNothingMore(DataSource dataSource) throws Exception {
        hypertables(dataSource, "intr_a", "intr_b");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false)
                .advisoryLockDeadline(Duration.ofSeconds(30)));
        ApplyReport[] report = new ApplyReport[1];
        boolean[] flagKept = new boolean[1];

        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            long oid = Long.parseLong(Db.single(dataSource, "SELECT 'intr_a'::regclass::oid::bigint"));
            execute(holder, "SELECT pg_advisory_xact_lock(" + ((0x4D533554L << 32) | oid) + ")");
            Thread booting = new Thread(() -> {
                report[0] = admin.applyPolicies(specs("intr_a", "intr_b"));
                flagKept[0] = Thread.currentThread().isInterrupted();
            });
            booting.start();
            Thread.sleep(500);
            booting.interrupt();
            // The lock is held until the rollback below and its deadline is 30 s: ending within 15 s, the thread
            // was stopped by the interrupt.
            booting.join(15_000);
            assertThat(booting.isAlive()).isFalse();
            holder.rollback();
        }

        assertThat(flagKept[0]).isTrue();
        assertThat(report[0].tables()).extracting(t -> t.failure().orElseThrow().kind())
                .containsExactly(Kind.INTERRUPTED, Kind.INTERRUPTED);
        TableFailure first = report[0].tables().get(0).failure().get();
        assertThat(first.sqlState()).isEmpty();
        assertThat(first.toString()).contains("interrupted while waiting for the policy lock")
                .doesNotContain("SQLState", "server's message");
        assertThat(report[0].tables().get(1).failure().get().message())
                .isEqualTo("intr_b: not applied: the thread was interrupted before this table");
        assertThat(chunkInterval(dataSource, "intr_b")).isEqualTo("2 days");
    }

    private static ApplyReport withCatalogLockedAndReadsTerminated(DataSource dataSource,
                                                                   java.util.function.Supplier<ApplyReport> apply)
            throws Exception {
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE _timescaledb_catalog.dimension_slice IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<ApplyReport> applying = CompletableFuture.supplyAsync(apply);
            terminateWaiting(dataSource, "WITH wanted AS", 2);
            holder.rollback();
            return applying.get(20, TimeUnit.SECONDS);
        }
    }

    /** Waits for sessions blocked on a lock while running a statement like {@code query}, and ends them. */
    private static void terminateWaiting(DataSource dataSource, String query, int sessions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        java.util.Set<String> terminated = new java.util.HashSet<>();
        while (terminated.size() < sessions) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session waiting on a lock while running " + query);
            }
            List<String> pids = Db.rows(dataSource, "SELECT pid FROM pg_stat_activity WHERE datname ="
                    + " current_database() AND wait_event_type = 'Lock' AND strpos(query, ?) > 0", query);
            for (String pid : pids) {
                // A session ended a moment ago may still be listed: each is counted once.
                if (terminated.add(pid)) {
                    Db.single(dataSource, "SELECT pg_terminate_backend(?::int)", pid);
                }
            }
            Thread.sleep(20);
        }
    }

    private static List<PolicySpec> specs(String... tables) {
        return Stream.of(tables).map(t -> PolicySpec.builder(t, "ts").chunkInterval(Duration.ofDays(1)).build())
                .toList();
    }

    private static void plainTables(DataSource dataSource, String... tables) throws SQLException {
        for (String table : tables) {
            Db.execute(dataSource, "CREATE TABLE " + table + " (ts timestamptz NOT NULL, value double precision)");
        }
    }

    private static void hypertables(DataSource dataSource, String... tables) throws SQLException {
        plainTables(dataSource, tables);
        for (String table : tables) {
            Db.execute(dataSource, "SELECT create_hypertable('" + table + "', 'ts', chunk_time_interval =>"
                    + " INTERVAL '2 days')");
        }
    }

    private static void assertApplied(DataSource dataSource, ApplyReport report, int from, String... tables)
            throws SQLException {
        List<TableReport> rest = report.tables().subList(from, from + tables.length);
        assertThat(rest).extracting(t -> t.table().name()).containsExactly(tables);
        assertThat(rest).allSatisfy(t -> assertThat(t.failure()).isEmpty());
        for (String table : tables) {
            assertThat(chunkInterval(dataSource, table)).as(table).isEqualTo("1 day");
        }
    }

    private static String chunkInterval(DataSource dataSource, String table) throws SQLException {
        return Db.single(dataSource, "SELECT time_interval FROM timescaledb_information.dimensions"
                + " WHERE hypertable_name = ?", table);
    }

    private static void assertNoAdvisoryLocks(DataSource dataSource) throws SQLException {
        assertThat(Db.rows(dataSource, "SELECT pid FROM pg_locks WHERE locktype = 'advisory'")).isEmpty();
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
