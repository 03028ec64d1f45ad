package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.testkit.ReferenceWorkload;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.Test;

/**
 * Eight application instances booting at the same instant against one database end with each table applied
 * once: one hypertable, one job per policy, one instance reporting the changes and the others nothing to do.
 * On the Apache edition only the hypertables are created (policies are unsupported there), under the same lock.
 */
@TimescaleTest
class ConcurrentBootIT {

    private static final int INSTANCES = 8;
    /** Rounds on fresh tables: one round may not interleave the instances, several make a race likelier. */
    private static final int ROUNDS = 5;
    private static final List<PolicySpec> SPECS = ReferenceWorkload.specs(TimescaleSettings.fromMap(Map.of()));
    private static final List<String> JOBS = List.of(
            "energy_consumption|policy_compression|1", "energy_consumption|policy_retention|1",
            "metric_hist|policy_compression|1", "metric_hist|policy_retention|1",
            "oee_calculations|policy_compression|1", "oee_calculations|policy_retention|1",
            "production_kpis|policy_compression|1", "production_kpis|policy_retention|1");

    @Test
    void instancesBootingAtOnceApplyEachTableExactlyOnce(TimescaleDatabase database) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            bootRound(database, "round " + round);
        }
    }

    @Test
    void alsoWhenTheirConnectionsDefaultToRepeatableRead(TimescaleDatabase database) throws Exception {
        // A snapshot taken before the advisory lock would hide the winner's work from the instances after it.
        String name = "\"" + database.name() + "\"";
        Db.execute(database.dataSource(), "ALTER DATABASE " + name + " SET default_transaction_isolation"
                + " = 'repeatable read'");
        try {
            for (int round = 1; round <= 2; round++) {
                bootRound(database, "repeatable read, round " + round);
            }
        } finally {
            Db.execute(database.dataSource(), "ALTER DATABASE " + name + " RESET default_transaction_isolation");
        }
    }

    private static void bootRound(TimescaleDatabase database, String where) throws Exception {
        boolean full = database.edition() == TimescaleEdition.TIMESCALE;
        freshTables(database.dataSource());

        List<ApplyReport> reports = bootAtOnce(database.jdbcUrl());

        assertThat(reports).as(where).hasSize(INSTANCES)
                .allSatisfy(r -> assertThat(r.failed()).as(where + ": failures").isEmpty());
        for (int t = 0; t < SPECS.size(); t++) {
            assertAppliedByOneInstance(where, reports, t, full);
        }
        assertThat(Db.rows(database.dataSource(), "SELECT hypertable_name, proc_name, count(*)"
                + " FROM timescaledb_information.jobs WHERE hypertable_name IS NOT NULL"
                + " GROUP BY hypertable_name, proc_name ORDER BY hypertable_name, proc_name"))
                .as(where + ": jobs per table and policy").containsExactlyElementsOf(full ? JOBS : List.of());
        assertThat(Db.rows(database.dataSource(), "SELECT hypertable_name"
                + " FROM timescaledb_information.hypertables ORDER BY hypertable_name"))
                .as(where + ": hypertables").containsExactly("energy_consumption", "metric_hist",
                        "oee_calculations", "production_kpis");
    }

    private static void assertAppliedByOneInstance(String where, List<ApplyReport> reports, int table,
                                                   boolean full) {
        List<TableReport> ofTable = reports.stream().map(r -> r.tables().get(table)).toList();
        String name = SPECS.get(table).table().toString();
        List<TableReport> changed = ofTable.stream().filter(TableReport::changed).toList();
        assertThat(changed).as(where + ": instances that changed " + name).hasSize(1);
        assertThat(changed.get(0).applied()).as(where + ": changes to " + name)
                .extracting(PolicyAction::kind).containsExactlyElementsOf(full
                        ? List.of(PolicyAction.Kind.CREATE_HYPERTABLE, PolicyAction.Kind.SET_COMPRESSION,
                        PolicyAction.Kind.ADD_POLICY, PolicyAction.Kind.ADD_POLICY)
                        : List.of(PolicyAction.Kind.CREATE_HYPERTABLE));
        assertThat(ofTable.stream().filter(r -> !r.changed())).as(where + ": the other instances on " + name)
                .hasSize(INSTANCES - 1)
                .allSatisfy(r -> assertThat(r.applied()).isEmpty());
    }

    /** Each instance has its own data source and admin, as separate processes would. */
    private static List<ApplyReport> bootAtOnce(String jdbcUrl) throws Exception {
        CyclicBarrier start = new CyclicBarrier(INSTANCES);
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        try {
            List<Future<ApplyReport>> futures = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                futures.add(pool.submit(() -> {
                    TimescaleAdmin admin = TimescaleAdmin.create(pgSimpleDataSource(jdbcUrl));
                    // Reads the version and edition now, so that the instances differ only in applying.
                    admin.plan(List.of());
                    start.await(30, TimeUnit.SECONDS);
                    return admin.applyPolicies(SPECS);
                }));
            }
            List<ApplyReport> reports = new ArrayList<>();
            List<Throwable> thrown = new ArrayList<>();
            for (Future<ApplyReport> future : futures) {
                try {
                    reports.add(future.get(2, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    thrown.add(e.getCause());
                }
            }
            assertThat(thrown).as("exceptions thrown by the instances").isEmpty();
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private static DataSource pgSimpleDataSource(String jdbcUrl) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        return dataSource;
    }

    /**
     * Dropping the hypertables drops their jobs too, so each round starts from plain tables and no jobs. The
     * previous round's jobs are paused first, and running ones awaited: a DROP racing a policy job can deadlock.
     * One statement per table: TimescaleDB 2.13 refuses to drop a hypertable along with other objects.
     */
    private static void freshTables(DataSource dataSource) throws SQLException {
        Db.quiesceJobs(dataSource);
        for (String table : ReferenceWorkload.TABLES) {
            Db.execute(dataSource, "DROP TABLE IF EXISTS " + table);
        }
        ReferenceWorkload.createTables(dataSource);
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.jobs"
                + " WHERE hypertable_name IS NOT NULL")).isEqualTo("0");
    }
}
