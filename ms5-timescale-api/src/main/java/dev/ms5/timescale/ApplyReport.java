package dev.ms5.timescale;

import java.time.Duration;
import java.util.List;

/**
 * What {@link TimescaleAdmin#applyPolicies} did, per table.
 *
 * @param tables  one report per declared table, in the order declared
 * @param elapsed how long the whole call took
 */
public record ApplyReport(List<TableReport> tables, Duration elapsed) {

    /**
     * Copies the list.
     *
     * @param tables  the reports
     * @param elapsed the time taken
     */
    public ApplyReport {
        tables = List.copyOf(tables);
    }

    /**
     * Returns the tables that failed.
     *
     * @return the failed tables' reports
     */
    public List<TableReport> failed() {
        return tables.stream().filter(TableReport::failed).toList();
    }

    /**
     * Returns the tables that were changed.
     *
     * @return the changed tables' reports
     */
    public List<TableReport> changed() {
        return tables.stream().filter(TableReport::changed).toList();
    }

    /**
     * Returns whether every table succeeded.
     *
     * @return {@code true} when no table failed
     */
    public boolean succeeded() {
        return failed().isEmpty();
    }

    /**
     * Throws when a table failed, for hosts that apply in report mode and decide afterwards.
     *
     * @return this report, when no table failed
     * @throws PolicyApplicationException naming each failed table and its fix
     */
    public ApplyReport throwIfFailed() {
        if (!succeeded()) {
            throw new PolicyApplicationException(this);
        }
        return this;
    }
}
