package dev.ms5.timescale;

import java.util.List;
import java.util.Optional;

/**
 * What {@link TimescaleAdmin#applyPolicies} would do to one table.
 *
 * @param table       the table
 * @param actions     the changes, in the order they would run
 * @param inPlace     the declared parts already as declared
 * @param unsupported the declared parts this server cannot do
 * @param outstanding the differences applying would leave in place, with how to finish them
 * @param failure     why the table cannot be applied, if it cannot (then {@code actions} is empty)
 */
public record TablePlan(TableName table, List<PolicyAction> actions, List<String> inPlace,
                        List<Unsupported> unsupported, List<Outstanding> outstanding,
                        Optional<TableFailure> failure) {

    /**
     * Copies the lists.
     *
     * @param table       the table
     * @param actions     the changes
     * @param inPlace     the parts in place
     * @param unsupported the unsupported parts
     * @param outstanding the differences left in place
     * @param failure     the failure
     */
    public TablePlan {
        actions = List.copyOf(actions);
        inPlace = List.copyOf(inPlace);
        unsupported = List.copyOf(unsupported);
        outstanding = List.copyOf(outstanding);
    }

    /**
     * Returns whether the table is as declared: nothing to do, nothing outstanding, no failure.
     *
     * @return {@code true} when the table matches its spec
     */
    public boolean converged() {
        return actions.isEmpty() && outstanding.isEmpty() && failure.isEmpty();
    }
}
