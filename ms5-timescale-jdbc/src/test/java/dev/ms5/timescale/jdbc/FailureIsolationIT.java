package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.InvalidPolicyException;
import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicyApplicationException;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * One table's failure, found before or during applying, leaves that table as it was and the others applied.
 */
@TimescaleTest
class FailureIsolationIT {

    private static final AdminOptions REPORT_ONLY = AdminOptions.defaults().failOnError(false);

    @Test
    void missingSegmentByColumnFailsOnlyThatTable(DataSource dataSource) throws SQLException {
        createPlainTables(dataSource, "seg_a", "seg_bad", "seg_c");
        PolicySpec bad = PolicySpec.builder("seg_bad", "ts")
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("no_such_column")).build();

        ApplyReport report = TimescaleAdmin.create(dataSource, REPORT_ONLY)
                .applyPolicies(List.of(good("seg_a"), bad, good("seg_c")));

        TableFailure failure = failedAlone(report, 1);
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.INVALID_SPEC);
        assertThat(failure.sqlState()).isEqualTo("42703");
        assertThat(failure.message()).contains("seg_bad", "no_such_column");
        assertThat(failure.fix()).contains("segment-by");
        assertUnchanged(dataSource, "seg_bad");
        assertApplied(dataSource, "seg_a", "seg_c");
    }

    @Test
    void timeColumnAsSegmentByIsRefusedInThePlanAlready(DataSource dataSource) throws SQLException {
        createPlainTables(dataSource, "tseg_a", "tseg_bad", "tseg_c");
        PolicySpec bad = PolicySpec.builder("tseg_bad", "ts")
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("ts")).build();
        List<PolicySpec> specs = List.of(good("tseg_a"), bad, good("tseg_c"));
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, REPORT_ONLY);

        TableFailure planned = admin.plan(specs).tables().get(1).failure().orElseThrow();
        TableFailure failure = failedAlone(admin.applyPolicies(specs), 1);

        assertThat(failure).isEqualTo(planned);
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.INVALID_SPEC);
        assertThat(failure.message()).contains("tseg_bad", "ts", "both segment-by and order-by");
        assertUnchanged(dataSource, "tseg_bad");
        assertApplied(dataSource, "tseg_a", "tseg_c");
    }

    @Test
    void aTableDeclaredTwiceUnderTwoSpellingsIsRefused(DataSource dataSource) throws SQLException {
        createPlainTables(dataSource, "twice");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, REPORT_ONLY);
        PolicySpec other = PolicySpec.builder("public.twice", "ts").chunkInterval(Duration.ofDays(2)).build();

        assertThatThrownBy(() -> admin.applyPolicies(List.of(good("twice"), other)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("table public.twice is declared twice, as twice and as public.twice; declare each"
                        + " table once");
        assertUnchanged(dataSource, "twice");
    }

    @Test
    void retentionGoesOnPastAMissingTableAndThenReportsIt(DataSource dataSource) throws SQLException {
        createPlainTables(dataSource, "ret_a", "ret_c");
        PolicySpec a = PolicySpec.builder("ret_a", "ts").chunkInterval(Duration.ofDays(1))
                .retention(Duration.ofDays(30)).build();
        PolicySpec missing = PolicySpec.builder("ret_missing", "ts").retention(Duration.ofDays(30)).build();
        PolicySpec c = PolicySpec.builder("ret_c", "ts").chunkInterval(Duration.ofDays(1))
                .retention(Duration.ofDays(30)).build();
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, REPORT_ONLY);
        admin.applyPolicies(List.of(a, c));
        for (String table : List.of("ret_a", "ret_c")) {
            Db.execute(dataSource, "INSERT INTO " + table + " (ts) SELECT now() - d * INTERVAL '1 day'"
                    + " FROM generate_series(0, 59) d");
        }

        assertThatThrownBy(() -> admin.enforceRetention(List.of(a, missing, c)))
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("ret_missing");

        for (String table : List.of("ret_a", "ret_c")) {
            assertThat(Db.single(dataSource, "SELECT count(*) FILTER (WHERE ts < now() - INTERVAL '31 days'),"
                    + " count(*) FILTER (WHERE ts > now() - INTERVAL '29 days') FROM " + table))
                    .as("old rows gone and recent rows kept in " + table).isEqualTo("0|29");
        }
    }

    @Test
    void missingTimeColumnFailsOnlyThatTable(DataSource dataSource) throws SQLException {
        createPlainTables(dataSource, "time_a", "time_bad", "time_c");
        PolicySpec bad = PolicySpec.builder("time_bad", "recorded_at").chunkInterval(Duration.ofDays(1)).build();

        ApplyReport report = TimescaleAdmin.create(dataSource, REPORT_ONLY)
                .applyPolicies(List.of(good("time_a"), bad, good("time_c")));

        TableFailure failure = failedAlone(report, 1);
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.INVALID_SPEC);
        assertThat(failure.sqlState()).isEqualTo("42703");
        assertThat(failure.message()).contains("time_bad", "recorded_at");
        assertThat(failure.fix()).contains("time column");
        assertUnchanged(dataSource, "time_bad");
        assertApplied(dataSource, "time_a", "time_c");
    }

    @Test
    void failOnErrorThrowsAfterApplyingTheOtherTables(DataSource dataSource) throws SQLException {
        createPlainTables(dataSource, "throw_a", "throw_bad", "throw_c");
        PolicySpec bad = PolicySpec.builder("throw_bad", "ts")
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("no_such_column")).build();
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);

        PolicyApplicationException thrown = catchThrowableOfType(PolicyApplicationException.class,
                () -> admin.applyPolicies(List.of(good("throw_a"), bad, good("throw_c"))));

        assertThat(thrown).as("PolicyApplicationException with failOnError left at its default").isNotNull();
        assertThat(thrown.getMessage()).contains("1 of 3", "throw_bad", "no_such_column", "42703");
        TableFailure failure = failedAlone(thrown.report(), 1);
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.INVALID_SPEC);
        assertThat(failure.sqlState()).isEqualTo("42703");
        assertThat(failure.message()).contains("throw_bad", "no_such_column");
        assertUnchanged(dataSource, "throw_bad");
        assertApplied(dataSource, "throw_a", "throw_c");
    }

    @Test
    void serverRefusingTheHypertableLeavesThatTablePlainAndAppliesTheOthers(DataSource dataSource)
            throws SQLException {
        createPlainTables(dataSource, "pk_a", "pk_c");
        // The seed's own mistake: a primary key without the time column, which TimescaleDB refuses (TS103).
        Db.execute(dataSource, "CREATE TABLE pk_bad (id bigint PRIMARY KEY, ts timestamptz NOT NULL, device text)");
        PolicySpec bad = PolicySpec.builder("pk_bad", "ts").chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device"))
                .retention(Duration.ofDays(30)).build();

        ApplyReport report = TimescaleAdmin.create(dataSource, REPORT_ONLY)
                .applyPolicies(List.of(good("pk_a"), bad, good("pk_c")));

        TableFailure failure = failedAlone(report, 1);
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.SQL_ERROR);
        assertThat(failure.sqlState()).isEqualTo("TS103");
        assertThat(failure.message()).contains("pk_bad");
        assertThat(failure.fix()).contains("primary key");
        assertUnchanged(dataSource, "pk_bad");
        assertApplied(dataSource, "pk_a", "pk_c");
    }

    @Test
    @RequiresEdition(TimescaleEdition.TIMESCALE)
    void failureAfterTheHypertableWasCreatedRollsBackTheWholeTable(DataSource dataSource) throws SQLException {
        createPlainTables(dataSource, "mid_a", "mid_c");
        // create_hypertable succeeds; enabling compression then fails: a point has no ordering (SQLState 42883).
        Db.execute(dataSource, "CREATE TABLE mid_bad (ts timestamptz NOT NULL, device text, position point)");
        PolicySpec bad = PolicySpec.builder("mid_bad", "ts").chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device")
                        .orderBy("position", "ts DESC"))
                .retention(Duration.ofDays(30)).build();
        List<PolicySpec> specs = List.of(withPolicies("mid_a"), bad, withPolicies("mid_c"));

        ApplyReport report = TimescaleAdmin.create(dataSource, REPORT_ONLY).applyPolicies(specs);

        TableFailure failure = failedAlone(report, 1);
        assertThat(failure.message()).contains("mid_bad");
        assertThat(failure.sqlState()).isNotBlank();
        assertThat(failure.fix()).isNotBlank();
        assertUnchanged(dataSource, "mid_bad");
        assertApplied(dataSource, "mid_a", "mid_c");
        assertThat(Db.rows(dataSource, "SELECT hypertable_name, proc_name FROM timescaledb_information.jobs"
                + " WHERE hypertable_name LIKE 'mid\\_%' ORDER BY 1, 2")).containsExactly(
                "mid_a|policy_compression", "mid_a|policy_retention",
                "mid_c|policy_compression", "mid_c|policy_retention");
    }

    /** Asserts that only the table at {@code index} failed, that nothing was applied to it, and returns why. */
    private static TableFailure failedAlone(ApplyReport report, int index) {
        assertThat(report.failed()).hasSize(1);
        TableReport failed = report.tables().get(index);
        assertThat(failed.applied()).as("changes reported for a failed table").isEmpty();
        assertThat(failed.changed()).isFalse();
        for (int i = 0; i < report.tables().size(); i++) {
            if (i != index) {
                assertThat(report.tables().get(i).failed()).as(report.tables().get(i).table() + " failed").isFalse();
                assertThat(report.tables().get(i).changed()).as(report.tables().get(i).table() + " changed")
                        .isTrue();
            }
        }
        return failed.failure().orElseThrow();
    }

    /** Nothing of the table's declared parts: still a plain table, no compression settings, no jobs. */
    private static void assertUnchanged(DataSource dataSource, String table) throws SQLException {
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = ?", table)).as(table + " is a hypertable").isEqualTo("0");
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.compression_settings"
                + " WHERE hypertable_name = ?", table)).as(table + " compression settings").isEqualTo("0");
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.jobs"
                + " WHERE hypertable_name = ?", table)).as(table + " jobs").isEqualTo("0");
        assertThat(Db.single(dataSource, "SELECT relkind FROM pg_class WHERE oid = ?::regclass", table))
                .as(table + " relkind").isEqualTo("r");
    }

    private static void assertApplied(DataSource dataSource, String... tables) throws SQLException {
        for (String table : tables) {
            assertThat(Db.single(dataSource, "SELECT time_interval FROM timescaledb_information.dimensions"
                    + " WHERE hypertable_name = ?", table)).as(table + " chunk interval").isEqualTo("1 day");
        }
    }

    private static PolicySpec good(String table) {
        return PolicySpec.builder(table, "ts").chunkInterval(Duration.ofDays(1)).build();
    }

    private static PolicySpec withPolicies(String table) {
        return PolicySpec.builder(table, "ts").chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device"))
                .retention(Duration.ofDays(30)).build();
    }

    private static void createPlainTables(DataSource dataSource, String... tables) throws SQLException {
        for (String table : tables) {
            Db.execute(dataSource, "CREATE TABLE " + table + " (ts timestamptz NOT NULL, device text, value"
                    + " double precision)");
        }
    }
}
