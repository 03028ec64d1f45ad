package dev.ms5.timescale;

/**
 * {@link TimescaleAdmin#applyPolicies} failed on at least one table while {@link AdminOptions#failOnError()}
 * is set. {@link #report()} tells what happened to each table; the message says which others succeeded.
 */
public class PolicyApplicationException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    private final transient ApplyReport report;

    /**
     * Creates the exception.
     *
     * @param report the report of the whole run
     */
    public PolicyApplicationException(ApplyReport report) {
        super(message(report));
        this.report = report;
    }

    /**
     * Returns what was done to each table.
     *
     * @return the report
     */
    public ApplyReport report() {
        return report;
    }

    private static String message(ApplyReport report) {
        StringBuilder text = new StringBuilder("Policies failed on ").append(report.failed().size())
                .append(" of ").append(report.tables().size()).append(" tables:");
        for (TableReport table : report.failed()) {
            table.failure().ifPresent(f -> text.append("\n  ").append(table.table()).append(": ").append(f));
        }
        int others = report.tables().size() - report.failed().size();
        if (others > 0) {
            text.append("\nThe other ").append(others).append(others == 1 ? " table was" : " tables were")
                    .append(" applied or already as declared.");
        }
        return text.append("\nTo start and report instead of failing, set AdminOptions.failOnError(false).")
                .toString();
    }
}
