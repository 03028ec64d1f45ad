package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A table held by another session fails alone, after the configured timeout, and the other tables are applied:
 * boot never hangs on someone else's lock.
 */
@TimescaleTest
class LockedTableIT {

    /** Only a bound to prove that nothing hangs; the timeouts under test are far shorter. */
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    /** The high 32 bits of the library's advisory lock keys ("MS5T"); the low 32 bits are the table's OID. */
    private static final long LOCK_NAMESPACE = 0x4D533554L;

    @Test
    void tableLockedByAnotherSessionTimesOutAndTheOthersAreApplied(DataSource dataSource) throws SQLException {
        createPlainTables(dataSource, "locked_a", "locked_b", "locked_c");
        List<PolicySpec> specs = specs("locked_a", "locked_b", "locked_c");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource,
                AdminOptions.defaults().lockTimeout(Duration.ofMillis(500)).failOnError(false));

        ApplyReport report;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE locked_a IN ACCESS EXCLUSIVE MODE");
            report = assertTimeoutPreemptively(NO_HANG, () -> admin.applyPolicies(specs));
            holder.rollback();
        }

        TableFailure failure = report.tables().get(0).failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.LOCK_TIMEOUT);
        assertThat(failure.sqlState()).isEqualTo("55P03");
        assertThat(failure.message()).contains("locked_a");
        assertThat(failure.fix()).contains("lockTimeout");
        assertThat(report.tables().get(0).applied()).isEmpty();
        assertOthersApplied(dataSource, report, "locked_b", "locked_c");
        assertThat(hypertables(dataSource)).doesNotContain("locked_a");

        ApplyReport afterRelease = admin.applyPolicies(specs);
        assertThat(afterRelease.failed()).isEmpty();
        assertThat(afterRelease.changed()).extracting(t -> t.table().name()).containsExactly("locked_a");
    }

    @Test
    @RequiresEdition(TimescaleEdition.TIMESCALE)
    void lockedHypertableTimesOutWhileEnablingCompressionAndTheOthersAreApplied(DataSource dataSource)
            throws SQLException {
        createPlainTables(dataSource, "held_a", "held_b", "held_c");
        Db.execute(dataSource, "SELECT create_hypertable('held_a', 'ts')");
        List<PolicySpec> specs = Stream.of("held_a", "held_b", "held_c").map(t -> PolicySpec.builder(t, "ts")
                .chunkInterval(Duration.ofHours(6))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device"))
                .build()).toList();
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource,
                AdminOptions.defaults().lockTimeout(Duration.ofMillis(500)).failOnError(false));

        ApplyReport report;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE held_a IN ACCESS EXCLUSIVE MODE");
            report = assertTimeoutPreemptively(NO_HANG, () -> admin.applyPolicies(specs));
            holder.rollback();
        }

        TableFailure failure = report.tables().get(0).failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.LOCK_TIMEOUT);
        assertThat(failure.sqlState()).isEqualTo("55P03");
        assertThat(failure.message()).contains("held_a");
        assertThat(report.tables().get(0).applied()).isEmpty();
        assertOthersApplied(dataSource, report, "held_b", "held_c");
        // Rolled back as a whole: the chunk interval set before the lock was met is not kept either.
        assertThat(Db.single(dataSource, "SELECT time_interval FROM timescaledb_information.dimensions"
                + " WHERE hypertable_name = 'held_a'")).isEqualTo("7 days");
        assertThat(Db.rows(dataSource, "SELECT hypertable_name, proc_name FROM timescaledb_information.jobs"
                + " WHERE hypertable_name IS NOT NULL ORDER BY 1")).containsExactly(
                "held_b|policy_compression", "held_c|policy_compression");
    }

    @Test
    void policyLockHeldByAnotherSessionFailsThatTableNamingTheSession(DataSource dataSource) throws SQLException {
        createPlainTables(dataSource, "adv_a", "adv_b", "adv_c");
        List<PolicySpec> specs = specs("adv_a", "adv_b", "adv_c");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource,
                AdminOptions.defaults().advisoryLockDeadline(Duration.ofSeconds(1)).failOnError(false));

        ApplyReport report;
        int holderPid;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            holderPid = Integer.parseInt(query(holder, "SELECT pg_backend_pid()"));
            long oid = Long.parseLong(query(holder, "SELECT 'adv_a'::regclass::oid::bigint"));
            query(holder, "SELECT pg_advisory_xact_lock(" + ((LOCK_NAMESPACE << 32) | oid) + ")");
            report = assertTimeoutPreemptively(NO_HANG, () -> admin.applyPolicies(specs));
            holder.rollback();
        }

        TableFailure failure = report.tables().get(0).failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.LOCK_TIMEOUT);
        assertThat(failure.sqlState()).isEqualTo("55P03");
        assertThat(failure.message()).contains("adv_a").containsPattern("pid " + holderPid + "\\b");
        assertThat(failure.fix()).contains("advisoryLockDeadline");
        assertThat(report.tables().get(0).applied()).isEmpty();
        assertOthersApplied(dataSource, report, "adv_b", "adv_c");
        assertThat(hypertables(dataSource)).doesNotContain("adv_a");
    }

    private static void assertOthersApplied(DataSource dataSource, ApplyReport report, String... others)
            throws SQLException {
        List<TableReport> rest = report.tables().subList(1, report.tables().size());
        assertThat(rest).extracting(t -> t.table().name()).containsExactly(others);
        assertThat(rest).allSatisfy(t -> {
            assertThat(t.failure()).isEmpty();
            assertThat(t.changed()).isTrue();
        });
        for (String table : others) {
            assertThat(Db.single(dataSource, "SELECT time_interval FROM timescaledb_information.dimensions"
                    + " WHERE hypertable_name = ?", table)).as(table).isEqualTo("06:00:00");
        }
    }

    private static List<PolicySpec> specs(String... tables) {
        return Stream.of(tables).map(t -> PolicySpec.builder(t, "ts").chunkInterval(Duration.ofHours(6)).build())
                .toList();
    }

    private static void createPlainTables(DataSource dataSource, String... tables) throws SQLException {
        for (String table : tables) {
            Db.execute(dataSource, "CREATE TABLE " + table + " (ts timestamptz NOT NULL, device text, value"
                    + " double precision)");
        }
    }

    private static List<String> hypertables(DataSource dataSource) throws SQLException {
        return Db.rows(dataSource, "SELECT hypertable_name FROM timescaledb_information.hypertables");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
