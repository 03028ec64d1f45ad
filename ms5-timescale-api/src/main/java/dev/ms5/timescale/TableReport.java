package dev.ms5.timescale;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@link TimescaleAdmin#applyPolicies} did to one table.
 *
 * @param table       the table
 * @param applied     the changes made, in order (none when the table failed: its transaction was rolled back)
 * @param inPlace     the declared parts that were already as declared
 * @param unsupported the declared parts this server cannot do, with the reason
 * @param failure     why the table failed, if it did
 * @param elapsed     how long the table took
 */
public record TableReport(TableName table, List<PolicyAction> applied, List<String> inPlace,
                          List<Unsupported> unsupported, Optional<TableFailure> failure, Duration elapsed) {

    /**
     * Copies the lists.
     *
     * @param table       the table
     * @param applied     the changes
     * @param inPlace     the parts in place
     * @param unsupported the unsupported parts
     * @param failure     the failure
     * @param elapsed     the time taken
     */
    public TableReport {
        applied = List.copyOf(applied);
        inPlace = List.copyOf(inPlace);
        unsupported = List.copyOf(unsupported);
    }

    /**
     * Returns whether this table failed.
     *
     * @return {@code true} when {@link #failure()} is present
     */
    public boolean failed() {
        return failure.isPresent();
    }

    /**
     * Returns whether anything was changed.
     *
     * @return {@code true} when at least one action was applied
     */
    public boolean changed() {
        return !applied.isEmpty();
    }
}
