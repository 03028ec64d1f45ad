package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.testkit.ReferenceWorkload;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through a pool whose connections come with auto-commit off and REPEATABLE READ and that does not clean up on
 * return, every call works, and every connection goes back exactly as it came: auto-commit, isolation,
 * read-only, network timeout, and no transaction left open.
 */
@TimescaleTest
class BorrowedConnectionsIT {

    private static final List<PolicySpec> SPECS = ReferenceWorkload.specs(TimescaleSettings.fromMap(Map.of()));

    @Test
    void everyCallWorksAndGivesItsConnectionsBackAsTheyCame(TimescaleDatabase database) throws Exception {
        ReferenceWorkload.createTables(database.dataSource());
        try (StrictPool pool = new StrictPool(database.jdbcUrl())) {
            TimescaleAdmin admin = TimescaleAdmin.create(pool);

            ApplyReport first = admin.applyPolicies(SPECS);
            ApplyReport second = admin.applyPolicies(SPECS);
            boolean planned = admin.plan(SPECS).isEmpty();
            HealthReport health = admin.health();
            admin.enforceRetention(SPECS);
            admin.dropChunks("metric_hist", Duration.ofDays(400));
            if (database.edition() == TimescaleEdition.TIMESCALE) {
                Db.execute(database.dataSource(), "INSERT INTO metric_hist (metric_def_id, ts, value_real)"
                        + " SELECT gen_random_uuid(), now() - INTERVAL '30 days' + g * INTERVAL '1 hour', g"
                        + " FROM generate_series(0, 5) g");
                assertThat(admin.compressChunks("metric_hist", Duration.ofDays(7)).chunks()).isNotEmpty();
                admin.recompressChunks("metric_hist");
                admin.decompressChunks("metric_hist", Instant.now().minus(Duration.ofDays(40)), Instant.now());
            }

            assertThat(first.failed()).isEmpty();
            assertThat(first.changed()).hasSize(SPECS.size());
            assertThat(second.changed()).isEmpty();
            assertThat(planned).isTrue();
            assertThat(health.status()).isNotEqualTo(HealthReport.Status.DOWN);
            assertThat(pool.borrowed()).isGreaterThan(5);
            assertThat(pool.violations()).isEmpty();
        }
    }

    @Test
    void healthAndEachStatisticsCallOfANewAdminNeedOneConnectionAtATime(TimescaleDatabase database)
            throws Exception {
        try (StrictPool pool = new StrictPool(database.jdbcUrl())) {
            // A new admin each time: the first call also reads the database's version and edition.
            List<Runnable> calls = List.of(() -> TimescaleAdmin.create(pool).health(),
                    () -> TimescaleAdmin.create(pool).statistics().hypertables(),
                    () -> TimescaleAdmin.create(pool).statistics().compression(),
                    () -> TimescaleAdmin.create(pool).statistics().chunks(java.util.Optional.empty(), 10, 0),
                    () -> TimescaleAdmin.create(pool).statistics().jobs(),
                    () -> TimescaleAdmin.create(pool).statistics().extension(),
                    () -> TimescaleAdmin.create(pool).statistics().database());

            calls.forEach(Runnable::run);

            assertThat(pool.borrowed()).isGreaterThanOrEqualTo(calls.size());
            assertThat(pool.peak()).isEqualTo(1);
            assertThat(pool.violations()).isEmpty();
        }
    }

    @Test
    void failuresGiveTheirConnectionsBackAsTheyCameToo(TimescaleDatabase database) throws Exception {
        Db.execute(database.dataSource(), "CREATE TABLE borrowed_locked (ts timestamptz NOT NULL, v integer)");
        try (StrictPool pool = new StrictPool(database.jdbcUrl());
             Connection holder = database.dataSource().getConnection();
             Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE borrowed_locked IN ACCESS EXCLUSIVE MODE");
            TimescaleAdmin admin = TimescaleAdmin.create(pool, AdminOptions.defaults().failOnError(false)
                    .lockTimeout(Duration.ofMillis(200)));

            ApplyReport report = admin.applyPolicies(List.of(PolicySpec.builder("borrowed_locked", "ts").build(),
                    PolicySpec.builder("borrowed_missing", "ts").build()));
            holder.rollback();

            assertThat(report.tables()).extracting(t -> t.failure().map(TableFailure::kind).orElseThrow())
                    .containsExactly(TableFailure.Kind.LOCK_TIMEOUT, TableFailure.Kind.TABLE_NOT_FOUND);
            assertThat(pool.violations()).isEmpty();
        }
    }
}
