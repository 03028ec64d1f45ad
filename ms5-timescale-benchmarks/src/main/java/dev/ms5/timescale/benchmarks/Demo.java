package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.Intervals;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicyPlan;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TablePlan;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import dev.ms5.timescale.monitoring.HypertableStats;
import dev.ms5.timescale.monitoring.JobStats;
import dev.ms5.timescale.monitoring.TimescaleStatistics;
import dev.ms5.timescale.testkit.ReferenceWorkload;
import dev.ms5.timescale.testkit.SharedTimescale;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The library's main job, as a host application runs it at boot: creates the reference MS5 tables where absent,
 * applies their policies from the environment's settings, and prints the plan, the report, the health report
 * and the statistics.
 *
 * <p>With {@code MS5_TIMESCALE_URL} it works on that database itself, so the result stays to be inspected and a
 * second run finds everything in place; without it, on a temporary database of a local TimescaleDB started
 * through the testkit. Exits with 1 when a table failed, 2 when it could not run at all.
 */
public final class Demo {

    private static final PrintStream OUT = System.out;
    /** The seed application's schema for its tables. */
    private static final String SCHEMA = "factory_telemetry";

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args none; or {@code serve}, to serve the monitoring endpoints afterwards until stopped
     */
    public static void main(String[] args) {
        boolean serve = args.length > 0 && args[0].equals("serve");
        if (args.length > 1 || args.length == 1 && !serve) {
            System.err.println("demo: unknown arguments " + String.join(" ", args) + "; usage: scripts/demo.sh"
                    + " [serve]");
            System.exit(2);
        }
        try {
            System.exit(run(serve));
        } catch (InterruptedException e) {
            System.exit(0);
        } catch (SQLException | RuntimeException e) {
            // No database, a bad setting, no TimescaleDB: the demo could not run at all.
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int run(boolean serve) throws SQLException, InterruptedException {
        TimescaleSettings settings = TimescaleSettings.fromEnvironment();
        Optional<String> url = Optional.ofNullable(System.getProperty("ms5.timescale.url"))
                .or(() -> Optional.ofNullable(System.getenv("MS5_TIMESCALE_URL"))).filter(u -> !u.isBlank());
        if (url.isPresent()) {
            PGSimpleDataSource dataSource = seedLayout(url.get());
            OUT.println("Database: " + dataSource.getDatabaseName() + " on " + String.join(",",
                    dataSource.getServerNames()) + " (MS5_TIMESCALE_URL), tables in schema "
                    + dataSource.getCurrentSchema().split(",")[0]);
            int status = applyAndReport(dataSource, settings);
            if (serve) {
                DemoServer.serve(dataSource, ReferenceWorkload.specs(settings), settings, url);
            }
            return status;
        }
        try (TimescaleDatabase database = SharedTimescale.server().createDatabase("demo")) {
            OUT.println("Database: " + database + " (temporary; set MS5_TIMESCALE_URL to keep the result), tables"
                    + " in schema " + SCHEMA);
            PGSimpleDataSource dataSource = seedLayout(database.jdbcUrl());
            int status = applyAndReport(dataSource, settings);
            if (serve) {
                DemoServer.serve(dataSource, ReferenceWorkload.specs(settings), settings,
                        Optional.of(database.jdbcUrl()));
            }
            return status;
        }
    }

    /**
     * The seed's layout: its tables in the schema {@code factory_telemetry} (created when absent), first on the
     * search path, so that the reference DDL and the specs' unqualified names land there; a URL that sets
     * {@code currentSchema} itself is kept as it is.
     */
    private static PGSimpleDataSource seedLayout(String url) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setApplicationName("ms5-timescale-demo");
        if (dataSource.getCurrentSchema() == null || dataSource.getCurrentSchema().isBlank()) {
            dataSource.setCurrentSchema(SCHEMA + ",public");
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            }
        }
        return dataSource;
    }

    private static int applyAndReport(DataSource dataSource, TimescaleSettings settings) throws SQLException {
        ReferenceWorkload.createTables(dataSource);
        List<PolicySpec> specs = ReferenceWorkload.specs(settings);
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false));

        PolicyPlan plan = admin.plan(specs);
        OUT.println("\nPlan:");
        for (TablePlan table : plan.tables()) {
            OUT.println("  " + table.table() + (table.actions().isEmpty() ? ": nothing to do" : ":"));
            table.actions().forEach(Demo::printAction);
            table.outstanding().forEach(o -> OUT.println("    outstanding: " + o));
            table.failure().ifPresent(f -> OUT.println("    would fail: " + f));
        }

        ApplyReport report = admin.applyPolicies(specs);
        OUT.println("\nReport (" + report.elapsed().toMillis() + " ms):");
        report.tables().forEach(Demo::printTable);

        HealthReport health = admin.health(specs);
        OUT.println("\nHealth: " + health.status() + " (" + health.elapsed().toMillis() + " ms)");
        health.checks().forEach(c -> OUT.printf("  %-12s %-9s %s%n", c.name(), c.status(), c.detail()));
        printStatistics(admin.statistics());
        OUT.println(report.succeeded() ? "\nAll tables as declared." : "\n" + report.failed().size()
                + " table(s) failed; see above.");
        return report.succeeded() ? 0 : 1;
    }

    private static void printStatistics(TimescaleStatistics statistics) {
        try {
            ExtensionInfo extension = statistics.extension();
            OUT.println("\nStatistics:");
            OUT.println("  extension: TimescaleDB " + extension.installedVersion().orElse("not installed") + " ("
                    + extension.edition().map(TimescaleEdition::license).orElse("?") + " edition; newest available "
                    + extension.newestAvailable().orElse("?") + "), scheduler " + (extension.schedulerRunning()
                    ? "running" : "not running") + ", " + extension.scheduledJobs() + " scheduled jobs, "
                    + extension.maxBackgroundWorkers() + " background workers");
            for (HypertableStats table : statistics.hypertables()) {
                OUT.println("  " + table.table() + ": " + table.chunks() + " chunks (" + table.compressedChunks()
                        + " compressed), ~" + table.approximateRows() + " rows, " + table.sizes().totalBytes()
                        + " bytes (estimated), chunk interval " + table.chunkInterval().map(Intervals::format)
                        .orElse(table.integerChunkInterval().map(String::valueOf).orElse("?"))
                        + (table.policies().isEmpty() ? "" : ", policies: " + String.join(", ", table.policies())));
            }
            for (CompressionStats table : statistics.compression()) {
                OUT.println("  " + table.table() + " compression: " + table.compressedChunks() + " of " + table.chunks()
                        + " chunks compressed" + (table.percentSaved().isPresent() ? String.format(Locale.ROOT,
                        ", %.1f %% saved", table.percentSaved().getAsDouble()) : ""));
            }
            for (JobStats job : statistics.jobs()) {
                OUT.println("  job " + job.id() + " " + job.name() + job.table().map(t -> " on " + t).orElse("")
                        + ": " + (job.scheduled() ? "every " + Intervals.format(job.schedule()) : "paused") + ", last run "
                        + job.lastRunStatus().orElse("never") + ", " + job.runs() + " runs, " + job.failures()
                        + " failed" + (job.runnable() ? "" : " (this edition cannot run it)"));
            }
        } catch (TimescaleException e) {
            OUT.println("\nStatistics: not available: " + e.getMessage());
        }
    }

    private static void printAction(PolicyAction action) {
        OUT.println("    + " + action.description());
        OUT.println("        " + action.sql() + (action.parameters().isEmpty() ? "" : "  -- " + action.parameters()));
    }

    private static void printTable(TableReport table) {
        String state = table.failed() ? "FAILED" : table.changed() ? table.applied().size() + " applied"
                : "unchanged";
        OUT.println("  " + table.table() + ": " + state + " (" + table.elapsed().toMillis() + " ms)");
        table.applied().forEach(a -> OUT.println("    applied: " + a.description()));
        table.inPlace().forEach(p -> OUT.println("    in place: " + p));
        table.unsupported().forEach(u -> OUT.println("    unsupported: " + u));
        table.outstanding().forEach(o -> OUT.println("    outstanding: " + o));
        table.failure().ifPresent(f -> OUT.println("    failed: " + f));
    }
}
