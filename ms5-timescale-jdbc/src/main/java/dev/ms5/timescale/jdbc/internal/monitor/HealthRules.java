package dev.ms5.timescale.jdbc.internal.monitor;

import dev.ms5.timescale.HealthReport.Check;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.Outstanding;
import dev.ms5.timescale.PolicyPlan;
import dev.ms5.timescale.TablePlan;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import dev.ms5.timescale.monitoring.JobStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the health report judges what it read: plain functions of the statistics, so that every judgement is
 * unit-tested without a server. A check is {@code DEGRADED} only for what an operator can act on.
 */
final class HealthRules {

    /** Compression that saves less than this share of the bytes is poor. */
    static final double POOR_COMPRESSION_PERCENT = 20.0;
    /** A job whose next start is this much in the past (at least) is overdue. */
    static final Duration OVERDUE_GRACE = Duration.ofMinutes(5);
    /** A job whose last success is older than this many schedules, while it runs, is stale. */
    static final int STALE_SCHEDULES = 3;

    private HealthRules() {
    }

    static Check connection(Duration roundTrip, Duration elapsed) {
        return check("connection", Status.UP, "the database answered in " + millis(roundTrip), elapsed,
                Map.of("round_trip_ms", roundTrip.toNanos() / 1_000_000.0));
    }

    static Check extension(ExtensionInfo info, Duration elapsed) {
        Map<String, Object> data = new LinkedHashMap<>();
        info.installedVersion().ifPresent(v -> data.put("installed_version", v));
        info.newestAvailable().ifPresent(v -> data.put("newest_available", v));
        info.libraryVersion().ifPresent(v -> data.put("library_version", v));
        if (!info.installed()) {
            return check("extension", Status.DOWN, "the timescaledb extension is not installed in database "
                    + info.database() + ". Fix: CREATE EXTENSION timescaledb; (the server needs"
                    + " shared_preload_libraries = 'timescaledb')", elapsed, data);
        }
        String version = "TimescaleDB " + info.installedVersion().get();
        if (!info.libraryMatches()) {
            return check("extension", Status.DEGRADED, version + " is installed, but this session loaded the library"
                    + " of " + info.libraryVersion().get() + ". Fix: reconnect the sessions opened before the"
                    + " extension was updated (restart the connection pool)", elapsed, data);
        }
        return check("extension", Status.UP, version + (info.updateAvailable() ? "; " + info.newestAvailable().get()
                + " is available: ALTER EXTENSION timescaledb UPDATE; in a new session" : ", the newest the server"
                + " has"), elapsed, data);
    }

    static Check edition(ExtensionInfo info, Duration elapsed) {
        TimescaleEdition edition = info.edition().orElse(TimescaleEdition.APACHE);
        return check("edition", Status.UP, edition == TimescaleEdition.TIMESCALE
                ? "Timescale-License edition: compression and background policies are available"
                : "Apache-2 edition: no compression and no background policies; retention is enforced by the"
                        + " library (TimescaleAdmin.enforceRetention)", elapsed, Map.of("license", edition.license()));
    }

    static Check scheduler(ExtensionInfo info, Duration elapsed) {
        Map<String, Object> data = Map.of("running", info.schedulerRunning(), "scheduled_jobs", info.scheduledJobs());
        if (info.schedulerRunning()) {
            return check("scheduler", Status.UP, "TimescaleDB's job scheduler runs for database " + info.database(),
                    elapsed, data);
        }
        boolean needed = info.edition().map(TimescaleEdition::hasPolicies).orElse(false) && info.scheduledJobs() > 0;
        return check("scheduler", needed ? Status.DEGRADED : Status.UP, "TimescaleDB's job scheduler does not run"
                + " for database " + info.database() + (needed ? ", so its " + info.scheduledJobs() + " scheduled"
                + " jobs do not run. Fix: check timescaledb.max_background_workers and the server log, then SELECT"
                + " _timescaledb_functions.start_background_workers();" : "; no policy needs it"), elapsed, data);
    }

    /**
     * Compares this database's scheduled jobs (and its scheduler) with the workers they can get: TimescaleDB's
     * {@code max_background_workers}, within PostgreSQL's {@code max_worker_processes} (less the launcher). The
     * limits alone are no problem: a default PostgreSQL has fewer worker processes than TimescaleDB's default
     * workers, and that matters only once the jobs need them.
     */
    static Check workers(ExtensionInfo info, Duration elapsed) {
        Map<String, Object> data = Map.of("max_background_workers", info.maxBackgroundWorkers(),
                "max_worker_processes", info.maxWorkerProcesses(), "scheduled_jobs", info.scheduledJobs());
        int available = Math.min(info.maxBackgroundWorkers(), info.maxWorkerProcesses() - 1);
        int needed = info.scheduledJobs() + 1;
        String limits = "timescaledb.max_background_workers = " + info.maxBackgroundWorkers()
                + ", max_worker_processes = " + info.maxWorkerProcesses();
        if (needed > available) {
            return check("workers", Status.DEGRADED, info.scheduledJobs() + " scheduled jobs and this database's"
                    + " scheduler need " + needed + " background workers, more than the " + available + " they can"
                    + " get (" + limits + "): jobs wait for each other. Fix: raise both settings in postgresql.conf"
                    + " and restart", elapsed, data);
        }
        return check("workers", Status.UP, info.scheduledJobs() + " scheduled jobs, " + available
                + " background workers available (" + limits + ")", elapsed, data);
    }

    /**
     * Judges jobs by what an operator can act on: runs failing since their last success, a next start long
     * past, a last success long ago. TimescaleDB's own jobs that this edition cannot run, telemetry (which fails
     * without internet access) and paused jobs are information. When every job fails with the same error (a
     * server problem), it is said once.
     */
    static Check jobs(List<JobStats> jobs, Instant now, Duration elapsed) {
        List<String> problems = new ArrayList<>();
        List<String> information = new ArrayList<>();
        List<JobStats> failing = new ArrayList<>();
        for (JobStats job : jobs) {
            String name = name(job);
            if (!job.runnable()) {
                information.add(name + " cannot run on this edition (ignored)");
            } else if (!job.scheduled()) {
                information.add(name + " is paused");
            } else if (job.kind() == JobStats.Kind.TELEMETRY) {
                if (failed(job)) {
                    information.add(name + " fails (it needs internet access; ignored)");
                }
            } else if (failed(job)) {
                failing.add(job);
            } else if (job.nextStart().isPresent() && job.nextStart().get().isBefore(now.minus(grace(job)))) {
                problems.add(name + " is overdue: its next start was " + job.nextStart().get() + ". Fix: check that"
                        + " TimescaleDB's scheduler runs and has free background workers");
            } else if (job.lastSuccess().isPresent() && job.lastRunStatus().isPresent()
                    && job.lastSuccess().get().isBefore(now.minus(job.schedule().multipliedBy(STALE_SCHEDULES)))) {
                problems.add(name + " has not succeeded since " + job.lastSuccess().get() + " (every "
                        + job.schedule() + ")");
            }
        }
        List<JobStats> runnable = jobs.stream().filter(j -> j.runnable() && j.scheduled()
                && j.kind() != JobStats.Kind.TELEMETRY).toList();
        String sameError = failing.size() > 1 && failing.size() == runnable.size() ? commonError(failing) : null;
        if (sameError != null) {
            problems.add(0, "all " + failing.size() + " jobs fail with the same error: " + sameError + ". Fix: look"
                    + " at the server (its log, the TimescaleDB build against this PostgreSQL)");
        } else {
            failing.forEach(job -> problems.add(name(job) + " failed its last " + job.consecutiveFailures()
                    + (job.consecutiveFailures() == 1 ? " run" : " runs") + latestError(job) + ". Fix: see"
                    + " timescaledb_information.job_errors; CALL run_job(" + job.id() + ") runs it now"));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobs", jobs.size());
        data.put("failing", failing.size());
        data.put("information", information);
        String detail = problems.isEmpty() ? jobs.size() + " jobs, none failing or overdue"
                + (information.isEmpty() ? "" : "; " + String.join("; ", information))
                : String.join("; ", problems);
        return check("jobs", problems.isEmpty() ? Status.UP : Status.DEGRADED, detail, elapsed, data);
    }

    static Check compression(List<CompressionStats> tables, TimescaleEdition edition, Duration elapsed) {
        if (edition != TimescaleEdition.TIMESCALE) {
            return check("compression", Status.UP, "not available on the Apache edition", elapsed, Map.of());
        }
        List<String> problems = new ArrayList<>();
        for (CompressionStats table : tables) {
            if (table.larger()) {
                problems.add(table.table() + ": its compressed chunks take more room than before (" + table.bytesBefore()
                        + " -> " + table.bytesAfter() + " bytes). Fix: choose a segment-by with fewer distinct values"
                        + " per chunk, or an order-by that groups similar values");
            } else if (table.percentSaved().isPresent()
                    && table.percentSaved().getAsDouble() < POOR_COMPRESSION_PERCENT) {
                problems.add(table.table() + ": compression saves only " + String.format(Locale.ROOT, "%.1f",
                        table.percentSaved().getAsDouble()) + " % (under " + POOR_COMPRESSION_PERCENT + " %). Fix:"
                        + " review its segment-by and order-by");
            }
        }
        long compressed = tables.stream().mapToLong(CompressionStats::compressedChunks).sum();
        return check("compression", problems.isEmpty() ? Status.UP : Status.DEGRADED, problems.isEmpty()
                ? tables.size() + " tables with compression, " + compressed + " compressed chunks"
                : String.join("; ", problems), elapsed, Map.of("tables", tables.size(), "compressed_chunks",
                compressed));
    }

    static Check policies(PolicyPlan plan, Duration elapsed) {
        List<String> differences = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            table.failure().ifPresent(f -> differences.add(table.table() + ": " + f.message()));
            table.actions().forEach(a -> differences.add(table.table() + ": " + a.description()));
            table.outstanding().stream().map(Outstanding::description)
                    .forEach(o -> differences.add(table.table() + ": " + o));
        }
        Map<String, Object> data = Map.of("tables", plan.tables().size(), "differences", differences.size());
        return differences.isEmpty()
                ? check("policies", Status.UP, "the " + plan.tables().size() + " declared tables are as declared",
                        elapsed, data)
                : check("policies", Status.DEGRADED, String.join("; ", differences) + ". Fix: apply the policies"
                        + " (TimescaleAdmin.applyPolicies), or see each difference's fix in plan()", elapsed, data);
    }

    static Check unknown(String name, String why, Duration elapsed) {
        return check(name, Status.UNKNOWN, why, elapsed, Map.of());
    }

    static Check down(String name, String why, Duration elapsed) {
        return check(name, Status.DOWN, why, elapsed, Map.of());
    }

    private static boolean failed(JobStats job) {
        return "Failed".equals(job.lastRunStatus().orElse("")) && job.consecutiveFailures() > 0;
    }

    private static Duration grace(JobStats job) {
        return job.schedule().compareTo(OVERDUE_GRACE) > 0 ? job.schedule() : OVERDUE_GRACE;
    }

    private static String commonError(List<JobStats> failing) {
        List<String> errors = failing.stream().map(j -> j.latestErrors().isEmpty() ? ""
                : j.latestErrors().get(0).message()).distinct().collect(Collectors.toList());
        return errors.size() == 1 && !errors.get(0).isEmpty() ? errors.get(0) : null;
    }

    private static String latestError(JobStats job) {
        return job.latestErrors().isEmpty() ? "" : ": " + job.latestErrors().get(0).message()
                + (job.latestErrors().get(0).sqlState().isEmpty() ? ""
                : " (SQLState " + job.latestErrors().get(0).sqlState() + ")");
    }

    private static String name(JobStats job) {
        return "job " + job.id() + " (" + job.name() + job.table().map(t -> " on " + t).orElse("") + ")";
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1_000_000.0);
    }

    private static Check check(String name, Status status, String detail, Duration elapsed, Map<String, Object> data) {
        return new Check(name, status, detail, elapsed, data);
    }
}
