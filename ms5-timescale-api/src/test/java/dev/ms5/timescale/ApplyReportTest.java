package dev.ms5.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplyReportTest {

    private static final PolicyAction RETENTION = new PolicyAction(PolicyAction.Kind.ADD_POLICY,
            "retention policy: drop after 90 days", "SELECT add_retention_policy(?::oid::regclass, ?::interval)",
            List.of("16384", "90 days"));
    private static final TableFailure LOCKED = new TableFailure(TableFailure.Kind.LOCK_TIMEOUT, "55P03",
            "public.metric_hist: another session held the table for over 5 s",
            "retry, or raise AdminOptions.lockTimeout");
    private static final TableFailure MISSING = new TableFailure(TableFailure.Kind.TABLE_NOT_FOUND, "42P01",
            "table oee_calculations does not exist", "create it before applying policies");

    private static TableReport report(String table, List<PolicyAction> applied, TableFailure failure) {
        return new TableReport(TableName.parse(table), applied, List.of(), List.of(), List.of(),
                Optional.ofNullable(failure), Duration.ofMillis(12));
    }

    @Test
    void aReportWithoutFailuresIsReturned() {
        ApplyReport report = new ApplyReport(List.of(report("energy_consumption", List.of(RETENTION), null),
                report("production_kpis", List.of(), null)), Duration.ofMillis(40));

        assertThat(report.throwIfFailed()).isSameAs(report);
        assertThat(report.succeeded()).isTrue();
        assertThat(report.failed()).isEmpty();
        assertThat(report.changed()).extracting(TableReport::table).containsExactly(
                TableName.parse("energy_consumption"));
    }

    @Test
    void throwIfFailedNamesEachFailedTableWithItsFailureAndTheOption() {
        ApplyReport report = new ApplyReport(List.of(
                report("public.metric_hist", List.of(), LOCKED),
                report("energy_consumption", List.of(RETENTION), null),
                report("oee_calculations", List.of(), MISSING)), Duration.ofSeconds(6));

        assertThat(report.succeeded()).isFalse();
        assertThatThrownBy(report::throwIfFailed)
                .isInstanceOfSatisfying(PolicyApplicationException.class, e -> assertThat(e.report()).isSameAs(report))
                .hasMessage("""
                        Policies failed on 2 of 3 tables:
                          public.metric_hist: public.metric_hist: another session held the table for over 5 s\
                         (SQLState 55P03). Fix: retry, or raise AdminOptions.lockTimeout
                          oee_calculations: table oee_calculations does not exist (SQLState 42P01). Fix: create it\
                         before applying policies
                        The other 1 table was applied or already as declared.
                        To start and report instead of failing, set AdminOptions.failOnError(false).""");
    }

    @Test
    void theMessageClaimsNoOtherTableWhenAllFailed() {
        ApplyReport report = new ApplyReport(List.of(report("a", List.of(), MISSING), report("b", List.of(), LOCKED)),
                Duration.ofSeconds(1));

        assertThatThrownBy(report::throwIfFailed).hasMessageNotContaining("The other")
                .hasMessageEndingWith("To start and report instead of failing, set AdminOptions.failOnError(false).");
    }

    @Test
    void aFailureWithoutServerStateSaysNoSqlState() {
        TableFailure interrupted = new TableFailure(TableFailure.Kind.INTERRUPTED, null, "t: interrupted",
                "apply again");

        assertThat(interrupted.sqlState()).isEmpty();
        assertThat(interrupted).hasToString("t: interrupted. Fix: apply again");
    }

    @Test
    void failedTablesKeepTheDeclaredOrder() {
        ApplyReport report = new ApplyReport(List.of(report("b", List.of(), MISSING),
                report("a", List.of(), LOCKED)), Duration.ofSeconds(1));

        assertThat(report.failed()).extracting(r -> r.table().name()).containsExactly("b", "a");
    }

    @Test
    void failOnErrorIsOnByDefaultAndCanBeTurnedOff() {
        assertThat(AdminOptions.defaults().failOnError()).isTrue();
        assertThat(AdminOptions.defaults().failOnError(false).failOnError()).isFalse();
    }
}
