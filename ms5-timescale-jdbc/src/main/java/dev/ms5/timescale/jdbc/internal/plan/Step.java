package dev.ms5.timescale.jdbc.internal.plan;

import dev.ms5.timescale.PolicyAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A planned action with the typed values its statement binds.
 *
 * @param action      the action, as reports show it
 * @param values      the values to bind, in order ({@code null} for SQL NULL)
 * @param afterCommit whether it runs after the table's transaction committed, in transactions of its own
 *                    (recompressing chunks), rather than as a statement inside it
 */
public record Step(PolicyAction action, List<Object> values, boolean afterCommit) {

    /**
     * Copies the values, which may contain {@code null}.
     *
     * @param action      the action
     * @param values      the values
     * @param afterCommit whether it runs after the commit
     */
    public Step {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }
}
