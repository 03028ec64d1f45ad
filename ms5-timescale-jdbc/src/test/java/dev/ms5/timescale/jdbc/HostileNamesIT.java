package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.InvalidPolicyException;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableName;
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
 * Names that would break or redirect SQL built by string formatting are either refused before the database is
 * touched, with a message saying why, or act on exactly the relation they name.
 */
@TimescaleTest
class HostileNamesIT {

    private static final String HOSTILE = "x\"; DROP TABLE victim;--";
    private static final String HOSTILE_SQL = "\"x\"\"; DROP TABLE victim;--\"";
    private static final String OPTION_BREAKER = "d', timescaledb.segmentby = 'value";
    private static final String NAMED = "('select', 'MixedCase', 'Messwerte_äöü', 'mäßig')";
    private static final AdminOptions REPORT_ONLY = AdminOptions.defaults().failOnError(false);

    @Test
    void namesSqlWouldMisreadAreRefusedWithTheReason() {
        assertInvalid(() -> TableName.parse("x\"; DROP TABLE victim;--"), "not allowed in an unquoted name",
                "double quotes");
        assertInvalid(() -> TableName.parse("a\"b"), "not allowed in an unquoted name");
        assertInvalid(() -> TableName.parse("victim; DROP TABLE victim"), "not allowed in an unquoted name");
        assertInvalid(() -> TableName.parse("\"never closed"), "no closing quote");
        assertInvalid(() -> TableName.parse("a.b.c"), "dotted parts");
        assertInvalid(() -> TableName.parse("\"\""), "empty");
        assertInvalid(() -> PolicySpec.builder("readings", "ts; DROP TABLE victim"), "time column",
                "not allowed in an unquoted name");
        assertInvalid(() -> PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device, 1); DROP TABLE x"),
                "segment-by column");
        assertInvalid(() -> PolicySpec.Compression.after(Duration.ofDays(7)).orderBy("ts DESC; DROP TABLE x"),
                "order-by");
        assertInvalid(() -> PolicySpec.builder("readings", "ts").reorder("idx\"; DROP TABLE x"), "reorder index");
    }

    @Test
    void namesOverSixtyThreeBytesAreRefusedInsteadOfTruncatedToAnotherTable(DataSource dataSource)
            throws SQLException {
        String truncated = "t".repeat(63);
        Db.execute(dataSource, "CREATE TABLE " + truncated + " (ts timestamptz NOT NULL)");

        // PostgreSQL would truncate this name to the table above.
        assertInvalid(() -> PolicySpec.builder(truncated + "x", "ts"), "longer than 63 bytes", "truncate");
        assertInvalid(() -> PolicySpec.builder("\"" + "ä".repeat(32) + "\"", "ts"), "longer than 63 bytes");
        assertInvalid(() -> PolicySpec.builder("readings", "c".repeat(64)), "longer than 63 bytes");
        assertThat(TableName.parse("\"" + "ä".repeat(31) + "\"").name()).isEqualTo("ä".repeat(31));
        assertThat(Db.single(dataSource, "SELECT to_regclass(?)::text", truncated + "x"))
                .as("what PostgreSQL itself makes of the longer name").isEqualTo(truncated);
    }

    @Test
    @RequiresEdition(TimescaleEdition.TIMESCALE)
    void injectionInATableNameActsOnlyOnThatTable(DataSource dataSource) throws SQLException {
        // The second column's name would rewrite the options of ALTER TABLE ... SET if it were not quoted.
        Db.execute(dataSource, "CREATE TABLE IF NOT EXISTS victim (id int)", "INSERT INTO victim VALUES (1)",
                "CREATE TABLE " + HOSTILE_SQL + " (ts timestamptz NOT NULL, \"a\"\"b\" text, \"" + OPTION_BREAKER
                        + "\" text, value int)");
        List<PolicySpec> specs = List.of(PolicySpec.builder(HOSTILE_SQL, "ts").chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7))
                        .segmentBy("\"a\"\"b\"", "\"" + OPTION_BREAKER + "\""))
                .retention(Duration.ofDays(90)).build());
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);

        ApplyReport report = admin.applyPolicies(specs);

        assertThat(report.failed()).isEmpty();
        assertThat(report.tables().get(0).table().toString()).isEqualTo(HOSTILE_SQL);
        assertThat(report.tables().get(0).changed()).isTrue();
        assertThat(Db.single(dataSource, "SELECT count(*) FROM victim")).isEqualTo("1");
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = ?", HOSTILE)).isEqualTo("1");
        assertThat(Db.rows(dataSource, "SELECT attname FROM timescaledb_information.compression_settings"
                + " WHERE hypertable_name = ? AND segmentby_column_index IS NOT NULL ORDER BY segmentby_column_index",
                HOSTILE)).containsExactly("a\"b", OPTION_BREAKER);
        assertThat(Db.rows(dataSource, "SELECT attname, orderby_asc FROM timescaledb_information.compression_settings"
                + " WHERE hypertable_name = ? AND orderby_column_index IS NOT NULL", HOSTILE))
                .containsExactly("ts|f");
        assertThat(Db.rows(dataSource, "SELECT proc_name FROM timescaledb_information.jobs"
                + " WHERE hypertable_name = ? ORDER BY proc_name", HOSTILE))
                .containsExactly("policy_compression", "policy_retention");
        assertThat(admin.applyPolicies(specs).changed()).as("second apply").isEmpty();
    }

    @Test
    @RequiresEdition(TimescaleEdition.TIMESCALE)
    void reservedMixedCaseAndNonAsciiNamesAreFoundAndApplied(DataSource dataSource) throws SQLException {
        Db.execute(dataSource,
                "CREATE TABLE \"select\" (\"order\" timestamptz NOT NULL, \"group\" text, value int)",
                "CREATE TABLE \"MixedCase\" (\"Time Stamp\" timestamptz NOT NULL, \"order\" text, value int)",
                "CREATE TABLE mixedcase (\"Time Stamp\" timestamptz NOT NULL, \"order\" text)",
                "CREATE TABLE \"Messwerte_äöü\" (zeit timestamptz NOT NULL, \"Gerät\" text, wert int)",
                // Unquoted: PostgreSQL folds only ASCII letters, so this is the table mäßig with column zeitpunkt.
                "CREATE TABLE Mäßig (Zeitpunkt timestamptz NOT NULL, Gerät text)",
                // A dot inside quotes is part of the name, not a schema separator.
                "CREATE SCHEMA \"Werk 1\"",
                "CREATE TABLE \"Werk 1\".\"Linie.A\" (ts timestamptz NOT NULL, device text)",
                "CREATE TABLE \"Linie.A\" (ts timestamptz NOT NULL, device text)");
        List<PolicySpec> specs = List.of(
                spec("\"select\"", "\"order\"", "\"group\""),
                PolicySpec.builder("\"MixedCase\"", "\"Time Stamp\"").chunkInterval(Duration.ofDays(1))
                        .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("\"order\"")
                                .orderBy("\"Time Stamp\" DESC"))
                        .retention(Duration.ofDays(90)).build(),
                spec("\"Messwerte_äöü\"", "zeit", "\"Gerät\""),
                spec("Mäßig", "Zeitpunkt", "Gerät"),
                spec("\"Werk 1\".\"Linie.A\"", "ts", "device"));
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);

        ApplyReport report = admin.applyPolicies(specs);

        assertThat(report.failed()).isEmpty();
        assertThat(report.changed()).hasSize(5);
        assertThat(Db.rows(dataSource, "SELECT hypertable_name, column_name FROM timescaledb_information.dimensions"
                + " WHERE hypertable_name IN " + NAMED + " ORDER BY hypertable_name COLLATE \"C\""))
                .containsExactly("Messwerte_äöü|zeit", "MixedCase|Time Stamp", "mäßig|zeitpunkt", "select|order");
        assertThat(Db.rows(dataSource, "SELECT hypertable_name, attname FROM"
                + " timescaledb_information.compression_settings WHERE segmentby_column_index IS NOT NULL"
                + " AND hypertable_name IN " + NAMED + " ORDER BY hypertable_name COLLATE \"C\""))
                .containsExactly("Messwerte_äöü|Gerät", "MixedCase|order", "mäßig|gerät", "select|group");
        assertThat(Db.rows(dataSource, "SELECT hypertable_name, proc_name FROM timescaledb_information.jobs"
                + " WHERE hypertable_name IN " + NAMED + " ORDER BY hypertable_name COLLATE \"C\", proc_name"))
                .containsExactly("Messwerte_äöü|policy_compression", "Messwerte_äöü|policy_retention",
                        "MixedCase|policy_compression", "MixedCase|policy_retention",
                        "mäßig|policy_compression", "mäßig|policy_retention",
                        "select|policy_compression", "select|policy_retention");
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = 'mixedcase'")).as("the lower-case namesake").isEqualTo("0");
        assertThat(Db.rows(dataSource, "SELECT hypertable_schema, hypertable_name, count(j.job_id)"
                + " FROM timescaledb_information.hypertables h LEFT JOIN timescaledb_information.jobs j"
                + " USING (hypertable_schema, hypertable_name) WHERE hypertable_name = 'Linie.A'"
                + " GROUP BY hypertable_schema, hypertable_name")).as("only the table in schema \"Werk 1\"")
                .containsExactly("Werk 1|Linie.A|2");
        ApplyReport again = admin.applyPolicies(specs);
        assertThat(again.changed()).as("second apply").isEmpty();
        assertThat(admin.plan(specs).isEmpty()).isTrue();
    }

    @Test
    void missingTableFailsNamingIt(DataSource dataSource) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE IF NOT EXISTS victim (id int)");
        List<PolicySpec> specs = List.of(PolicySpec.builder("no_such_table", "ts").build(),
                PolicySpec.builder("\"nope\"\"; DROP TABLE victim;--\"", "ts").build());

        ApplyReport report = TimescaleAdmin.create(dataSource, REPORT_ONLY).applyPolicies(specs);

        assertThat(report.tables()).allSatisfy(t -> {
            TableFailure failure = t.failure().orElseThrow();
            assertThat(failure.kind()).isEqualTo(TableFailure.Kind.TABLE_NOT_FOUND);
            assertThat(failure.sqlState()).isEqualTo("42P01");
            assertThat(failure.fix()).isNotBlank();
        });
        assertThat(report.tables().get(0).failure().orElseThrow().message()).contains("no_such_table");
        assertThat(report.tables().get(1).failure().orElseThrow().message())
                .contains("\"nope\"\"; DROP TABLE victim;--\"");
        assertThat(Db.single(dataSource, "SELECT to_regclass('victim') IS NOT NULL")).isEqualTo("t");
    }

    @Test
    void viewIsNotATable(DataSource dataSource) throws SQLException {
        Db.execute(dataSource, "CREATE VIEW \"Recent Readings\" AS SELECT now() AS ts, 1 AS value");

        ApplyReport report = TimescaleAdmin.create(dataSource, REPORT_ONLY)
                .applyPolicies(List.of(PolicySpec.builder("\"Recent Readings\"", "ts").build()));

        TableFailure failure = report.tables().get(0).failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.NOT_A_TABLE);
        assertThat(failure.message()).contains("\"Recent Readings\"", "view");
    }

    @Test
    void plainTableThatTheSpecDoesNotCreateIsNotAHypertable(DataSource dataSource) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE \"Plain Readings\" (ts timestamptz NOT NULL, value int)");

        ApplyReport report = TimescaleAdmin.create(dataSource, REPORT_ONLY).applyPolicies(List.of(
                PolicySpec.builder("\"Plain Readings\"", "ts").chunkInterval(Duration.ofDays(1))
                        .createHypertable(false).build()));

        TableReport table = report.tables().get(0);
        TableFailure failure = table.failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.NOT_A_HYPERTABLE);
        assertThat(failure.message()).contains("\"Plain Readings\"");
        assertThat(failure.fix()).contains("createHypertable(true)");
        assertThat(table.applied()).isEmpty();
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = 'Plain Readings'")).isEqualTo("0");
    }

    @Test
    void retentionOnAnIntegerTimeColumnWithoutIntegerNowIsRefused(DataSource dataSource) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE counters (tick bigint NOT NULL, value int)",
                "SELECT create_hypertable('counters', 'tick', chunk_time_interval => 1000)",
                "CREATE TABLE plain_counters (tick bigint NOT NULL, value int)");
        String jobsBefore = Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.jobs");

        ApplyReport report = TimescaleAdmin.create(dataSource, REPORT_ONLY).applyPolicies(List.of(
                PolicySpec.builder("counters", "tick").retention(Duration.ofDays(90)).build(),
                PolicySpec.builder("plain_counters", "tick").retention(Duration.ofDays(90)).build()));

        assertThat(report.tables()).allSatisfy(t -> {
            TableFailure failure = t.failure().orElseThrow();
            assertThat(failure.kind()).isEqualTo(TableFailure.Kind.INVALID_SPEC);
            assertThat(failure.message()).contains(t.table().name(), "tick", "integer_now");
            assertThat(failure.fix()).contains("set_integer_now_func");
            assertThat(t.applied()).isEmpty();
        });
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.jobs")).isEqualTo(jobsBefore);
        assertThat(Db.rows(dataSource, "SELECT hypertable_name FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name LIKE '%counters'")).containsExactly("counters");
    }

    private static PolicySpec spec(String table, String timeColumn, String segmentBy) {
        return PolicySpec.builder(table, timeColumn).chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy(segmentBy))
                .retention(Duration.ofDays(90)).build();
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                                      String... reasons) {
        assertThatThrownBy(call).isInstanceOf(InvalidPolicyException.class).hasMessageContainingAll(reasons);
    }
}
