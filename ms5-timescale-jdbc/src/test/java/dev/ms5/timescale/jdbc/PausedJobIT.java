package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.Outstanding;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicyAction.Kind;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A job an operator paused (to keep data during an incident, say) stays paused at the next deploy unless the
 * host asks otherwise; a policy declared paused is added paused and kept so; a paused job whose age drifted is
 * corrected without being resumed.
 */
@TimescaleTest
@RequiresEdition(TimescaleEdition.TIMESCALE)
class PausedJobIT {

    private static final AdminOptions REPORT = AdminOptions.defaults().failOnError(false);

    @Test
    void aJobPausedByAnOperatorIsReportedAndLeftPaused(DataSource dataSource) throws SQLException {
        PolicySpec spec = DriftTables.spec("paused_left").build();
        DriftTables.createAndApply(dataSource, spec);
        int job = DriftTables.jobId(dataSource, "paused_left", "policy_retention");
        Db.execute(dataSource, "SELECT alter_job(" + job + ", scheduled => false)");

        TableReport report = DriftTables.apply(dataSource, REPORT, spec);

        assertThat(report.applied()).isEmpty();
        assertThat(report.inPlace()).contains("retention policy: drop after 90 days (paused)");
        assertThat(report.outstanding()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outstanding.Kind.PAUSED_JOB);
            assertThat(o.description()).isEqualTo("retention policy: job " + job + " is paused; it is left paused");
        });
        assertThat(scheduled(dataSource, job)).isEqualTo("f");
        assertThat(TimescaleAdmin.create(dataSource).plan(List.of(spec)).outstanding()).hasSize(1);
    }

    @Test
    void aPausedJobIsResumedWhenTheHostAsks(DataSource dataSource) throws SQLException {
        PolicySpec spec = DriftTables.spec("paused_resumed").build();
        DriftTables.createAndApply(dataSource, spec);
        int job = DriftTables.jobId(dataSource, "paused_resumed", "policy_retention");
        Db.execute(dataSource, "SELECT alter_job(" + job + ", scheduled => false)");

        TableReport report = DriftTables.apply(dataSource, REPORT.resumePausedJobs(true), spec);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.RESUME_POLICY, "retention policy: resume job " + job + " (was paused)"));
        assertThat(report.outstanding()).isEmpty();
        assertThat(scheduled(dataSource, job)).isEqualTo("t");
    }

    @Test
    void policiesDeclaredPausedAreAddedPausedAndKeptSo(DataSource dataSource) throws SQLException {
        PolicySpec spec = PolicySpec.builder("paused_declared", "ts").chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device").paused(true))
                .retention(new PolicySpec.Retention(Duration.ofDays(90), Optional.empty(), true))
                .build();
        DriftTables.create(dataSource, "paused_declared");

        TableReport first = DriftTables.apply(dataSource, REPORT, spec);

        assertThat(first.applied()).extracting(PolicyAction::kind).containsExactly(Kind.CREATE_HYPERTABLE,
                Kind.SET_COMPRESSION, Kind.ADD_POLICY, Kind.PAUSE_POLICY, Kind.ADD_POLICY, Kind.PAUSE_POLICY);
        assertThat(Db.rows(dataSource, "SELECT proc_name, scheduled FROM timescaledb_information.jobs"
                + " WHERE hypertable_name = 'paused_declared' ORDER BY proc_name")).containsExactly(
                "policy_compression|f", "policy_retention|f");
        TableReport second = DriftTables.apply(dataSource, REPORT, spec);
        assertThat(second.applied()).isEmpty();
        assertThat(second.outstanding()).isEmpty();
        assertThat(second.inPlace()).contains("retention policy: drop after 90 days (paused, as declared)");

        int retention = DriftTables.jobId(dataSource, "paused_declared", "policy_retention");
        Db.execute(dataSource, "SELECT alter_job(" + retention + ", scheduled => true)");
        assertThat(DriftTables.apply(dataSource, REPORT, spec).applied()).extracting(PolicyAction::kind,
                PolicyAction::description).containsExactly(tuple(Kind.PAUSE_POLICY, "retention policy: pause job "
                + retention + ", as declared"));
        assertThat(scheduled(dataSource, retention)).isEqualTo("f");
    }

    @Test
    void aPausedJobWhoseAgeDriftedIsCorrectedWithoutResumingIt(DataSource dataSource) throws SQLException {
        PolicySpec spec = DriftTables.spec("paused_drift").build();
        DriftTables.createAndApply(dataSource, spec);
        int job = DriftTables.jobId(dataSource, "paused_drift", "policy_retention");
        Db.execute(dataSource, "SELECT alter_job(" + job + ", scheduled => false)");
        PolicySpec shorter = spec.toBuilder().retention(Duration.ofDays(60)).build();

        TableReport report = DriftTables.apply(dataSource, REPORT, shorter);

        assertThat(report.applied()).extracting(PolicyAction::kind).containsExactly(Kind.REMOVE_POLICY,
                Kind.ADD_POLICY, Kind.PAUSE_POLICY);
        assertThat(Db.rows(dataSource, "SELECT config ->> 'drop_after', scheduled FROM timescaledb_information.jobs"
                + " WHERE hypertable_name = 'paused_drift' AND proc_name = 'policy_retention'"))
                .containsExactly("60 days|f");
        assertThat(report.outstanding()).extracting(Outstanding::kind).containsExactly(Outstanding.Kind.PAUSED_JOB);
    }

    private static String scheduled(DataSource dataSource, int job) throws SQLException {
        return Db.single(dataSource, "SELECT scheduled FROM timescaledb_information.jobs WHERE job_id = ?", job);
    }
}
