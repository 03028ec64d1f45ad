package dev.ms5.timescale.spring.boot.startup;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.ExtensionMissingException;
import dev.ms5.timescale.ExtensionVersionException;
import dev.ms5.timescale.InvalidPolicyException;
import dev.ms5.timescale.PolicyApplicationException;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup stopped by ms5-timescale, as Spring Boot does for a missing DataSource: the description says
 * what failed with the identifying values, the action gives the fix, naming the property when a property was
 * bad. Registered in {@code META-INF/spring.factories}.
 */
public final class TimescaleFailureAnalyzer extends AbstractFailureAnalyzer<TimescaleException> {

    private static final String START_ANYWAY = "To start anyway and report the failures (WARN lines, the timescaledb"
            + " health contributor), set ms5.timescale.fail-on-error=false; to turn the starter off, set"
            + " ms5.timescale.enabled=false.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TimescaleException cause) {
        if (cause instanceof InvalidPropertyException property) {
            return property(property);
        }
        if (cause instanceof PolicyApplicationException failed) {
            return policies(failed.report(), cause);
        }
        return new FailureAnalysis("TimescaleDB could not be set up at startup: " + cause.getMessage(),
                action(cause), cause);
    }

    private static FailureAnalysis property(InvalidPropertyException e) {
        String description = "Invalid TimescaleDB configuration:\n\n    Property: " + e.property()
                + "\n    Value: " + e.value().map(v -> "\"" + v + "\"").orElse("(not set)")
                + e.origin().map(o -> "\n    Origin: " + o).orElse("")
                + "\n    Reason: " + e.problem();
        String action = "Set " + e.property() + " to an accepted value, for example:\n\n    " + e.property() + "="
                + e.example();
        return new FailureAnalysis(description, action, e);
    }

    private static FailureAnalysis policies(ApplyReport report, TimescaleException cause) {
        StringBuilder description = new StringBuilder("TimescaleDB policies could not be applied at startup: ")
                .append(report.failed().size()).append(" of ").append(report.tables().size())
                .append(report.tables().size() == 1 ? " table" : " tables").append(" failed.\n");
        StringBuilder action = new StringBuilder();
        for (TableReport table : report.failed()) {
            table.failure().ifPresent(f -> {
                description.append("\n    ").append(table.table()).append(": ").append(f.message())
                        .append(f.sqlState().isEmpty() ? "" : " (SQLState " + f.sqlState() + ")");
                action.append(table.table()).append(": ").append(f.fix()).append("\n");
            });
        }
        int others = report.tables().size() - report.failed().size();
        if (others > 0) {
            description.append("\n\nThe other ").append(others).append(others == 1 ? " table was" : " tables were")
                    .append(" applied or already as declared.");
        }
        return new FailureAnalysis(description.toString(), action.append("\n").append(START_ANYWAY).toString(),
                cause);
    }

    private static String action(TimescaleException cause) {
        if (cause instanceof DatabaseUnavailableException) {
            return "Check spring.datasource.url and that the database accepts connections. " + START_ANYWAY;
        }
        if (cause instanceof ExtensionMissingException) {
            return "Run CREATE EXTENSION timescaledb; in the database (the server needs"
                    + " shared_preload_libraries = 'timescaledb'), or point spring.datasource.url at a database that"
                    + " has it. " + START_ANYWAY;
        }
        if (cause instanceof ExtensionVersionException) {
            return "Update the extension (ALTER EXTENSION timescaledb UPDATE;) or the server as the description"
                    + " says. " + START_ANYWAY;
        }
        if (cause instanceof InvalidPolicyException) {
            return "Correct the declaration named above (a PolicySpec bean, or ms5.timescale.tables.*).";
        }
        return "Correct the cause named above. " + START_ANYWAY;
    }
}
