package dev.ms5.timescale.jdbc.internal.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.HealthReport.Check;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import dev.ms5.timescale.monitoring.JobStats;
import dev.ms5.timescale.monitoring.JobStats.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How health judges what it read: only what an operator can act on is a problem. */
class HealthRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static JobStats job(int id, Kind kind, boolean runnable, boolean scheduled, String status,
                                int consecutive, Instant lastSuccess, Instant nextStart, String error) {
        return new JobStats(id, kind + " [" + id + "]", kind, Optional.of(TableName.parse("public.metric_hist")),
                HOUR, scheduled, Optional.ofNullable(status), Optional.of(NOW.minusSeconds(60)),
                Optional.ofNullable(lastSuccess), Optional.ofNullable(nextStart), 10, consecutive, consecutive,
                error == null ? List.of() : List.of(new JobStats.JobError(Optional.of(NOW), "XX000", error)), runnable);
    }

    private static JobStats healthy(int id) {
        return job(id, Kind.RETENTION, true, true, "Success", 0, NOW.minusSeconds(60), NOW.plus(HOUR), null);
    }

    private static Check jobs(JobStats... jobs) {
        return HealthRules.jobs(List.of(jobs), NOW, Duration.ZERO);
    }

    @Test
    void onTheApacheEditionTheJobsItCannotRunAreInformationNotProblems() {
        Check check = jobs(job(1, Kind.TELEMETRY, true, true, "Failed", 5, null, NOW.plus(HOUR), "no network"),
                job(3, Kind.JOB_HISTORY_RETENTION, false, true, "Failed", 40, null, NOW.plus(HOUR),
                        "functionality not supported under the current \"apache\" license"));

        assertThat(check.status()).isEqualTo(Status.UP);
        assertThat(check.detail()).startsWith("2 jobs, none failing or overdue").contains(
                "job 1 (TELEMETRY [1] on public.metric_hist) fails (it needs internet access; ignored)",
                "job 3 (JOB_HISTORY_RETENTION [3] on public.metric_hist) cannot run on this edition (ignored)");
    }

    @Test
    void aJobThatFailedOnceAndSucceededSinceIsNoProblem() {
        assertThat(jobs(job(1000, Kind.RETENTION, true, true, "Success", 0, NOW.minusSeconds(30), NOW.plus(HOUR),
                "once failed")).status()).isEqualTo(Status.UP);
    }

    @Test
    void consecutiveFailuresAreAProblemWithTheLatestErrorAndTheFix() {
        Check check = jobs(healthy(1001), job(1000, Kind.RETENTION, true, true, "Failed", 3, NOW.minus(HOUR),
                NOW.plus(HOUR), "permission denied for table metric_hist"));

        assertThat(check.status()).isEqualTo(Status.DEGRADED);
        assertThat(check.detail()).isEqualTo("job 1000 (RETENTION [1000] on public.metric_hist) failed its last 3"
                + " runs: permission denied for table metric_hist (SQLState XX000). Fix: see"
                + " timescaledb_information.job_errors; CALL run_job(1000) runs it now");
    }

    @Test
    void everyJobFailingWithOneErrorIsSaidOnce() {
        String portal = "cannot drop portal \"\" while it is being set up";
        Check check = jobs(job(1000, Kind.RETENTION, true, true, "Failed", 1, null, NOW.plus(HOUR), portal),
                job(1001, Kind.COMPRESSION, true, true, "Failed", 2, null, NOW.plus(HOUR), portal),
                job(3, Kind.JOB_HISTORY_RETENTION, true, true, "Failed", 1, null, NOW.plus(HOUR), portal));

        assertThat(check.status()).isEqualTo(Status.DEGRADED);
        assertThat(check.detail()).startsWith("all 3 jobs fail with the same error: " + portal)
                .doesNotContain("job 1000");
    }

    @Test
    void overdueAndStaleJobsAreProblemsAndPausedOnesInformation() {
        Check overdue = jobs(job(1000, Kind.COMPRESSION, true, true, "Success", 0, NOW.minus(HOUR),
                NOW.minus(Duration.ofHours(2)), null));
        Check stale = jobs(job(1000, Kind.COMPRESSION, true, true, "Success", 0, NOW.minus(Duration.ofHours(4)),
                NOW.plus(HOUR), null));
        Check paused = jobs(job(1000, Kind.RETENTION, true, false, "Success", 0, NOW.minus(Duration.ofDays(9)),
                null, null));

        assertThat(overdue.status()).isEqualTo(Status.DEGRADED);
        assertThat(overdue.detail()).contains("is overdue: its next start was 2026-11-30T10:00:00Z");
        assertThat(stale.status()).isEqualTo(Status.DEGRADED);
        assertThat(stale.detail()).contains("has not succeeded since 2026-11-30T08:00:00Z (every PT1H)");
        assertThat(paused.status()).isEqualTo(Status.UP);
        assertThat(paused.detail()).contains("is paused");
    }

    @Test
    void compressionThatGrowsOrSavesLittleIsNamed() {
        CompressionStats larger = new CompressionStats(TableName.parse("public.a"), true, 10, 5, 1000, 1400,
                List.of("device"), List.of("ts DESC"), 0);
        CompressionStats poor = new CompressionStats(TableName.parse("public.b"), true, 10, 5, 1000, 900,
                List.of(), List.of("ts DESC"), 0);
        CompressionStats good = new CompressionStats(TableName.parse("public.c"), true, 10, 5, 1000, 60,
                List.of("device"), List.of("ts DESC"), 0);

        Check check = HealthRules.compression(List.of(larger, poor, good), TimescaleEdition.TIMESCALE, Duration.ZERO);

        assertThat(check.status()).isEqualTo(Status.DEGRADED);
        assertThat(check.detail()).contains("public.a: its compressed chunks take more room than before (1000 -> 1400"
                + " bytes)", "public.b: compression saves only 10.0 %").doesNotContain("public.c");
        assertThat(HealthRules.compression(List.of(good), TimescaleEdition.TIMESCALE, Duration.ZERO).status())
                .isEqualTo(Status.UP);
        assertThat(HealthRules.compression(List.of(), TimescaleEdition.APACHE, Duration.ZERO).detail())
                .isEqualTo("not available on the Apache edition");
    }

    @Test
    void theExtensionItsLibraryAndItsWorkersAreJudged() {
        ExtensionInfo current = extension("2.28.3", "2.28.3", "2.28.3", 16, 48, 3, true);
        ExtensionInfo missing = new ExtensionInfo("db", "15.20", Optional.empty(), Optional.of("2.28.3"),
                Optional.empty(), Optional.empty(), 16, 48, 0, false);

        assertThat(HealthRules.extension(current, Duration.ZERO).detail())
                .isEqualTo("TimescaleDB 2.28.3, the newest the server has");
        assertThat(HealthRules.extension(extension("2.22.1", "2.28.3", "2.22.1", 16, 48, 0, true), Duration.ZERO)
                .detail()).isEqualTo("TimescaleDB 2.22.1; 2.28.3 is available: ALTER EXTENSION timescaledb UPDATE;"
                + " in a new session");
        assertThat(HealthRules.extension(extension("2.28.3", "2.28.3", "2.22.1", 16, 48, 0, true), Duration.ZERO))
                .extracting(Check::status).isEqualTo(Status.DEGRADED);
        assertThat(HealthRules.extension(missing, Duration.ZERO)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.DOWN);
            assertThat(c.detail()).contains("Fix: CREATE EXTENSION timescaledb;");
        });
        assertThat(HealthRules.workers(current, Duration.ZERO).status()).isEqualTo(Status.UP);
        assertThat(HealthRules.workers(extension("2.28.3", "2.28.3", "2.28.3", 2, 48, 4, true), Duration.ZERO)
                .detail()).startsWith("4 scheduled jobs and this database's scheduler need 5 background workers,"
                + " more than the 2 they can get");
        // PostgreSQL's default 8 worker processes under TimescaleDB's default 16 workers: fine for 2 jobs...
        assertThat(HealthRules.workers(extension("2.28.3", "2.28.3", "2.28.3", 16, 8, 2, true), Duration.ZERO)
                .status()).isEqualTo(Status.UP);
        // ... not for 7, which the 7 processes left after the launcher cannot serve with the scheduler.
        assertThat(HealthRules.workers(extension("2.28.3", "2.28.3", "2.28.3", 16, 8, 7, true), Duration.ZERO)
                .detail()).contains("more than the 7 they can get (timescaledb.max_background_workers = 16,"
                + " max_worker_processes = 8)");
        assertThat(HealthRules.scheduler(extension("2.28.3", "2.28.3", "2.28.3", 16, 48, 2, false), Duration.ZERO))
                .extracting(Check::status).isEqualTo(Status.DEGRADED);
    }

    @Test
    void theOverallStatusIsTheMostSevereAndAnUnknownCheckAloneDoesNotDegradeIt() {
        Check up = new Check("a", Status.UP, "", Duration.ZERO, java.util.Map.of());
        Check unknown = new Check("b", Status.UNKNOWN, "", Duration.ZERO, java.util.Map.of());
        Check degraded = new Check("c", Status.DEGRADED, "slow", Duration.ZERO, java.util.Map.of());
        Check down = new Check("d", Status.DOWN, "gone", Duration.ZERO, java.util.Map.of());

        assertThat(HealthReport.of(List.of(up, unknown), Duration.ZERO).status()).isEqualTo(Status.UP);
        assertThat(HealthReport.of(List.of(up, unknown, degraded), Duration.ZERO).status()).isEqualTo(Status.DEGRADED);
        assertThat(HealthReport.of(List.of(degraded, down), Duration.ZERO).problems()).containsExactly("c: slow",
                "d: gone");
        assertThat(HealthReport.of(List.of(unknown), Duration.ZERO).status()).isEqualTo(Status.UNKNOWN);
    }

    private static ExtensionInfo extension(String installed, String newest, String library, int workers,
                                           int processes, int jobs, boolean scheduler) {
        return new ExtensionInfo("db", "15.20", Optional.of(installed), Optional.of(newest), Optional.of(library),
                Optional.of(TimescaleEdition.TIMESCALE), workers, processes, jobs, scheduler);
    }
}
