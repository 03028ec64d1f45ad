package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.ReadOnlyServerException;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.testkit.internal.FixtureSettings;
import dev.ms5.timescale.testkit.internal.LocalPostgres;
import dev.ms5.timescale.testkit.internal.LocalServerProvider;
import dev.ms5.timescale.testkit.internal.OsUser;
import dev.ms5.timescale.testkit.internal.PgInstallation;
import dev.ms5.timescale.testkit.internal.ProviderUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Against a hot standby (a copy by {@code pg_basebackup -R} of a local server this test starts) the library
 * finds the server read-only once, before any table, and says that policies are applied on the primary;
 * {@code plan()} and {@code health()} keep working there.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReadOnlyReplicaIT {

    private static final List<PolicySpec> SPECS = List.of(
            PolicySpec.builder("replica_a", "ts").chunkInterval(Duration.ofDays(1)).build(),
            PolicySpec.builder("replica_b", "ts").chunkInterval(Duration.ofDays(1)).build());

    @Test
    void onAStandbyNothingIsTriedAndTheReportSaysWhere(/* no fixture: it starts its own servers */) throws Exception {
        PgInstallation installation;
        try {
            installation = new LocalServerProvider(FixtureSettings.fromEnvironment()).findInstallation();
        } catch (ProviderUnavailableException e) {
            Assumptions.abort("Needs local PostgreSQL binaries with TimescaleDB to start a primary and its standby: "
                    + e.getMessage());
            return;
        }
        try (LocalPostgres primary = LocalPostgres.start(installation, OsUser.forServer(), false)) {
            String url = primary.adminUrl();
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION timescaledb");
                statement.execute("CREATE TABLE replica_a (ts timestamptz NOT NULL, v integer)");
                statement.execute("CREATE TABLE replica_b (ts timestamptz NOT NULL, v integer)");
            }
            try (LocalPostgres standby = primary.startStandby()) {
                DataSource replica = dataSource(standby.adminUrl());
                awaitReplayed(replica);

                ApplyReport report = TimescaleAdmin.create(replica, AdminOptions.defaults().failOnError(false))
                        .applyPolicies(SPECS);

                assertThat(report.tables()).allSatisfy(t -> {
                    TableFailure failure = t.failure().orElseThrow();
                    assertThat(failure.kind()).isEqualTo(TableFailure.Kind.READ_ONLY_SERVER);
                    assertThat(failure.message()).isEqualTo(t.table() + ": not applied: database postgres is a"
                            + " read-only replica (pg_is_in_recovery() is true)");
                    assertThat(failure.fix()).startsWith("apply policies on the primary");
                });
                assertThatThrownBy(() -> TimescaleAdmin.create(replica).applyPolicies(SPECS))
                        .isInstanceOf(ReadOnlyServerException.class)
                        .hasMessageContaining("read-only replica")
                        .hasMessageNotContaining("The other");
                assertThat(TimescaleAdmin.create(replica).plan(SPECS).actions()).extracting(PolicyAction::kind)
                        .containsOnly(PolicyAction.Kind.CREATE_HYPERTABLE);
                assertThat(TimescaleAdmin.create(replica).health().status())
                        .isNotEqualTo(HealthReport.Status.DOWN);
                assertThat(TimescaleAdmin.create(dataSource(url)).applyPolicies(SPECS).changed()).hasSize(2);
            }
        }
    }

    private static void awaitReplayed(DataSource replica) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (Db.single(replica, "SELECT count(*) FROM pg_class WHERE relname IN ('replica_a', 'replica_b')")
                        .equals("2")) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                // Still starting up.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the standby did not replay the primary's tables within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private static DataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }
}
