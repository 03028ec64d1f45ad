package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.HealthReport.Check;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On the Apache edition TimescaleDB's own job-history retention fails on every run, and nobody can fix it:
 * health reports it as information, so a fresh database is healthy.
 */
@TimescaleTest
@RequiresEdition(TimescaleEdition.APACHE)
class ApacheHealthIT {

    @Test
    void aFreshApacheDatabaseIsUpWithTheJobsItCannotRunAsInformation(DataSource dataSource) throws Exception {
        // What the scheduler records when it runs TimescaleDB's own job-history retention on this edition: a
        // failure ("function ... is not supported under the current "apache" license"), written here so the test
        // does not depend on when the scheduler runs.
        List<String> retention = Db.rows(dataSource, "SELECT job_id FROM timescaledb_information.jobs"
                + " WHERE proc_name = 'policy_job_stat_history_retention'");
        Assumptions.assumeFalse(retention.isEmpty(), "this TimescaleDB version has no job-history retention job"
                + " (added in 2.15)");
        Db.recordJobRun(dataSource, Integer.parseInt(retention.get(0)), false, 3);

        HealthReport health = TimescaleAdmin.create(dataSource).health();

        assertThat(health.status()).isEqualTo(Status.UP);
        assertThat(health.problems()).isEmpty();
        Check jobs = health.check("jobs").orElseThrow();
        assertThat(jobs.status()).isEqualTo(Status.UP);
        assertThat(jobs.detail()).contains("cannot run on this edition (ignored)");
        assertThat(health.check("edition").orElseThrow().detail()).startsWith("Apache-2 edition");
        assertThat(health.check("compression").orElseThrow().detail()).isEqualTo("not available on the Apache edition");
    }
}
