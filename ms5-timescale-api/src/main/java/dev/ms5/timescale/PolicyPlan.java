package dev.ms5.timescale;

import java.util.List;

/**
 * What {@link TimescaleAdmin#applyPolicies} would do, per table, as read from the database now.
 *
 * @param tables one plan per declared table, in the order declared
 */
public record PolicyPlan(List<TablePlan> tables) {

    /**
     * Copies the list.
     *
     * @param tables the plans
     */
    public PolicyPlan {
        tables = List.copyOf(tables);
    }

    /**
     * Returns all changes of all tables.
     *
     * @return the actions, table by table
     */
    public List<PolicyAction> actions() {
        return tables.stream().flatMap(t -> t.actions().stream()).toList();
    }

    /**
     * Returns whether applying would change nothing.
     *
     * @return {@code true} when no table has an action
     */
    public boolean isEmpty() {
        return actions().isEmpty();
    }

    /**
     * Returns the differences applying would leave in place (paused jobs, chunks compressed with older settings).
     *
     * @return the outstanding differences, table by table
     */
    public List<Outstanding> outstanding() {
        return tables.stream().flatMap(t -> t.outstanding().stream()).toList();
    }

    /**
     * Returns whether every table is as declared: no action, nothing outstanding, no failure.
     *
     * @return {@code true} when the database matches the specs
     */
    public boolean converged() {
        return tables.stream().allMatch(TablePlan::converged);
    }
}
