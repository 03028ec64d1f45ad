package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.HealthReport.Check;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * health(): named checks an operator can act on, a report that never hangs, and jobs judged by what can be
 * done about them.
 */
@TimescaleTest
class HealthIT {

    @Test
    void aDatabaseGetsEveryCheckWithItsFacts(TimescaleDatabase database) throws Exception {
        DataSource dataSource = database.dataSource();
        HealthReport health = TimescaleAdmin.create(dataSource).health();

        assertThat(health.checks()).extracting(Check::name).containsExactly("connection", "extension", "edition",
                "scheduler", "workers", "jobs", "compression");
        assertThat(check(health, "connection").status()).isEqualTo(Status.UP);
        assertThat(check(health, "extension").detail()).startsWith("TimescaleDB " + database.timescaleVersion());
        assertThat(check(health, "extension").data()).containsEntry("installed_version", database.timescaleVersion());
        assertThat(check(health, "edition").data()).containsEntry("license", database.edition().license());
        // TimescaleDB's own jobs may fail on some servers (and the scheduler may run them at any moment), so the
        // jobs check is judged in the Jobs tests below, on statistics the tests write.
        assertThat(check(health, "jobs").status()).isIn(Status.UP, Status.DEGRADED);
        assertThat(health.status()).isEqualTo(check(health, "jobs").status());
        assertThat(health.elapsed()).isLessThan(AdminOptions.defaults().healthTimeout());
    }

    @Test
    void theDeclaredPoliciesAreCheckedWhenGiven(DataSource dataSource) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE health_declared (ts timestamptz NOT NULL, v integer)");
        List<PolicySpec> specs = List.of(PolicySpec.builder("health_declared", "ts").chunkInterval(Duration.ofDays(1))
                .build());
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);

        Check before = check(admin.health(specs), "policies");
        admin.applyPolicies(specs);
        Check after = check(admin.health(specs), "policies");

        assertThat(before.status()).isEqualTo(Status.DEGRADED);
        assertThat(before.detail()).startsWith("health_declared: create hypertable on ts with chunk interval 1 day")
                .endsWith("Fix: apply the policies (TimescaleAdmin.applyPolicies), or see each difference's fix in"
                        + " plan()");
        assertThat(after.status()).isEqualTo(Status.UP);
        assertThat(after.detail()).isEqualTo("the 1 declared tables are as declared");
    }

    @Test
    void aServerThatDoesNotAnswerIsDownWithinTheTimeoutAndHoldsOneThreadNotOnePerReport() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept());
                }
            } catch (IOException closed) {
                // The test is over.
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        // A server that accepts and never answers would hold the driver's login for a minute.
        dataSource.setURL("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/db?user=u&socketTimeout=60");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults()
                .healthTimeout(Duration.ofSeconds(1)));
        try {
            HealthReport first = admin.health();
            HealthReport second = admin.health();

            assertThat(first.status()).isEqualTo(Status.DOWN);
            assertThat(first.problems()).containsExactly("connection: the database did not answer within 1000 ms."
                    + " Fix: check that the server is up and not overloaded; raise AdminOptions.healthTimeout if it is"
                    + " only slow");
            assertThat(first.elapsed()).isLessThan(Duration.ofSeconds(10));
            assertThat(second.status()).isEqualTo(Status.DOWN);
            assertThat(check(second, "connection").detail()).startsWith("a connection asked for ")
                    .contains("by an earlier report, has been neither given nor refused yet");
            assertThat(check(second, "jobs").status()).isEqualTo(Status.UNKNOWN);
            assertThat(accepted).hasSize(1);
        } finally {
            silent.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
        // The waiting login ends when the server goes away; then the next report asks again, and is refused.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HealthReport after = admin.health();
        while (check(after, "connection").detail().startsWith("a connection asked for ")
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = admin.health();
        }
        assertThat(check(after, "connection").detail()).startsWith("the database cannot be reached: ");
    }

    @Test
    void aPlanWaitingForALockLeavesThePoliciesUnknownAndTheDatabaseUp(DataSource dataSource) throws Exception {
        Db.execute(dataSource, "CREATE TABLE health_plan_locked (ts timestamptz NOT NULL, v integer)");
        List<PolicySpec> specs = List.of(PolicySpec.builder("health_plan_locked", "ts")
                .chunkInterval(Duration.ofDays(1)).build());
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults()
                .healthTimeout(Duration.ofSeconds(1)).lockTimeout(Duration.ofSeconds(20)));

        HealthReport health;
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE health_plan_locked IN ACCESS EXCLUSIVE MODE");
            health = admin.health(specs);
            holder.rollback();
        }

        assertThat(check(health, "connection").status()).isEqualTo(Status.UP);
        assertThat(check(health, "policies").status()).isEqualTo(Status.UNKNOWN);
        assertThat(check(health, "policies").detail()).startsWith("the plan did not finish within 1000 ms");
        assertThat(health.status()).isNotEqualTo(Status.DOWN);
    }

    @Test
    void aServerThatStopsAnsweringMidReportIsDownWithinTheTimeoutAndNoThreadStaysBlocked(TimescaleDatabase database)
            throws Exception {
        try (TcpProxy proxy = TcpProxy.to(database.jdbcUrl())) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(proxy.url(database.jdbcUrl(), ""));
            TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults()
                    .healthTimeout(Duration.ofSeconds(1)));
            proxy.blackholeOn("bgw_job_stat");

            HealthReport health = admin.health();

            assertThat(proxy.triggered()).isEqualTo(1);
            assertThat(health.elapsed()).isLessThan(Duration.ofSeconds(10));
            assertThat(health.status()).isEqualTo(Status.DOWN);
            assertThat(check(health, "connection").detail()).startsWith("the database stopped answering within 1000 ms");
            assertThat(check(health, "extension").status()).isEqualTo(Status.UP);
            assertThat(check(health, "jobs").status()).isEqualTo(Status.UNKNOWN);
            assertThat(check(health, "jobs").detail()).isEqualTo("not finished within 1000 ms");
            Thread.sleep(500);
            assertThat(Thread.getAllStackTraces().entrySet()).noneSatisfy(e -> {
                assertThat(e.getKey().getName()).startsWith("ms5-timescale-monitor");
                assertThat(Arrays.toString(e.getValue())).contains("SocketInputStream");
            });
        }
    }

    @Test
    void healthAndStatisticsDoNotWaitForLocksThatCompressionHolds(DataSource dataSource) throws Exception {
        Db.execute(dataSource, "CREATE TABLE health_locked (ts timestamptz NOT NULL, v integer)",
                "SELECT create_hypertable('health_locked', 'ts', chunk_time_interval => INTERVAL '1 day')",
                "INSERT INTO health_locked SELECT now() - g * INTERVAL '1 day', g FROM generate_series(0, 3) g");
        String chunk = Db.rows(dataSource, "SELECT format('%I.%I', chunk_schema, chunk_name) FROM"
                + " timescaledb_information.chunks WHERE hypertable_name = 'health_locked'").get(0);
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults()
                .healthTimeout(Duration.ofSeconds(2)));

        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            // What compressing or dropping a chunk holds while it works.
            statement.execute("LOCK TABLE health_locked, " + chunk + " IN ACCESS EXCLUSIVE MODE");

            HealthReport health = admin.health();
            long chunks = admin.statistics().hypertables().stream()
                    .filter(t -> t.table().name().equals("health_locked")).findFirst().orElseThrow().chunks();
            int page = admin.statistics().chunks(java.util.Optional.of("health_locked"), 10, 0).chunks().size();
            holder.rollback();

            assertThat(health.status()).isNotEqualTo(Status.DOWN);
            assertThat(health.checks()).noneMatch(c -> c.status() == Status.UNKNOWN);
            assertThat(chunks).isEqualTo(4);
            assertThat(page).isEqualTo(4);
        }
    }

    @Nested
    @RequiresEdition(TimescaleEdition.TIMESCALE)
    class Jobs {

        @Test
        void aFailingJobShowsUpAndClearsAfterASuccess(DataSource dataSource) throws SQLException {
            Db.execute(dataSource, "CREATE PROCEDURE health_job(job_id int, config jsonb) LANGUAGE plpgsql AS"
                    + " $$ BEGIN END $$");
            // Not before tomorrow: the scheduler leaves it alone, and the test writes its runs as the scheduler
            // would (this test server's scheduler may not run jobs at all).
            int job = Integer.parseInt(Db.single(dataSource, "SELECT add_job('health_job', INTERVAL '1 hour',"
                    + " initial_start => now() + INTERVAL '1 day')"));
            TimescaleAdmin admin = TimescaleAdmin.create(dataSource);

            Db.recordJobRun(dataSource, job, false, 3);
            Check failing = check(admin.health(), "jobs");
            Db.recordJobRun(dataSource, job, true, 0);
            Check cleared = check(admin.health(), "jobs");

            assertThat(failing.status()).isEqualTo(Status.DEGRADED);
            assertThat(failing.detail()).contains("job " + job + " (User-Defined Action [" + job + "]) failed its"
                    + " last 3 runs", "CALL run_job(" + job + ")");
            assertThat(cleared.detail()).doesNotContain("job " + job + " ");
        }
    }

    private static Check check(HealthReport report, String name) {
        return report.check(name).orElseThrow(() -> new AssertionError("no check " + name + " in " + report));
    }
}
