package dev.ms5.timescale;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@link TimescaleAdmin#applyPolicies} did to one table.
 *
 * @param table       the table
 * @param applied     the changes made, in order; none when the table failed before its commit (its transaction
 *                    was rolled back); when recompressing chunks after the commit failed, the committed changes
 * @param inPlace     the declared parts that were already as declared
 * @param unsupported the declared parts this server cannot do, with the reason
 * @param outstanding the differences left in place on purpose (paused jobs, chunks compressed with older
 *                    settings), with how to finish them
 * @param failure     why the table failed, if it did
 * @param elapsed     how long the table took
 */
public record TableReport(TableName table, List<PolicyAction> applied, List<String> inPlace,
                          List<Unsupported> unsupported, List<Outstanding> outstanding,
                          Optional<TableFailure> failure, Duration elapsed) {

    /**
     * Copies the lists.
     *
     * @param table       the table
     * @param applied     the changes
     * @param inPlace     the parts in place
     * @param unsupported the unsupported parts
     * @param outstanding the differences left in place
     * @param failure     the failure
     * @param elapsed     the time taken
     */
    public TableReport {
        applied = List.copyOf(applied);
        inPlace = List.copyOf(inPlace);
        unsupported = List.copyOf(unsupported);
        outstanding = List.copyOf(outstanding);
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
