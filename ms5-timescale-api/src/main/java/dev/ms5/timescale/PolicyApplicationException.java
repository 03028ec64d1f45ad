package dev.ms5.timescale;

/**
 * {@link TimescaleAdmin#applyPolicies} failed on at least one table while {@link AdminOptions#failOnError()}
 * is set. The other tables were applied; {@link #report()} tells what happened to each.
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
        return text.append("\nThe other tables were applied. To start and report instead of failing,"
                + " set AdminOptions.failOnError(false).").toString();
    }
}
