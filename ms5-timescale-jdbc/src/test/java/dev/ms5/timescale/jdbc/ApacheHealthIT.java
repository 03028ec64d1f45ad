package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.HealthReport.Check;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.time.Duration;
import javax.sql.DataSource;
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
        // Give the scheduler the moment it needs to run (and fail) TimescaleDB's own jobs, as on a real server.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Db.rows(dataSource, "SELECT 1 FROM _timescaledb_internal.bgw_job_stat WHERE NOT last_run_success")
                .isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        HealthReport health = TimescaleAdmin.create(dataSource).health();

        assertThat(health.status()).isEqualTo(Status.UP);
        assertThat(health.problems()).isEmpty();
        Check jobs = health.check("jobs").orElseThrow();
        assertThat(jobs.status()).isEqualTo(Status.UP);
        if (!Db.rows(dataSource, "SELECT 1 FROM _timescaledb_internal.bgw_job_stat s JOIN _timescaledb_config.bgw_job j"
                + " ON j.id = s.job_id WHERE NOT s.last_run_success AND j.proc_name <> 'policy_telemetry'").isEmpty()) {
            assertThat(jobs.detail()).contains("cannot run on this edition (ignored)");
        }
        assertThat(health.check("edition").orElseThrow().detail()).startsWith("Apache-2 edition");
        assertThat(health.check("compression").orElseThrow().detail()).isEqualTo("not available on the Apache edition");
    }
}
