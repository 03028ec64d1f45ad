package dev.ms5.timescale;

import java.util.List;

/**
 * One change that {@link TimescaleAdmin#applyPolicies} makes (or, in a plan, would make) to a table.
 *
 * @param kind        what kind of change
 * @param description what changes, in words, e.g. {@code retention policy: drop after 90 days (was 30 days)}
 * @param sql         the statement, with {@code ?} for each parameter
 * @param parameters  the parameters' values, as text, in order
 */
public record PolicyAction(Kind kind, String description, String sql, List<String> parameters) {

    /**
     * Copies the parameters.
     *
     * @param kind        the kind
     * @param description the description
     * @param sql         the statement
     * @param parameters  the parameters
     */
    public PolicyAction {
        parameters = List.copyOf(parameters);
    }

    /** The kinds of change. */
    public enum Kind {
        /** Turn a plain table into a hypertable. */
        CREATE_HYPERTABLE,
        /** Change the chunk interval of new chunks. */
        SET_CHUNK_INTERVAL,
        /** Enable compression and set segment-by and order-by. */
        SET_COMPRESSION,
        /** Add a background policy. */
        ADD_POLICY,
        /** Change an existing policy's schedule. */
        ALTER_POLICY,
        /** Pause a policy's job ({@code scheduled = false}), as its spec declares. */
        PAUSE_POLICY,
        /** Resume a paused policy's job, when {@link AdminOptions#resumePausedJobs()} is set. */
        RESUME_POLICY,
        /**
         * Recompress the chunks compressed with settings other than the declared ones, one chunk per transaction
         * after the table's own transaction committed, when {@link AdminOptions#recompressChunks()} is set.
         */
        RECOMPRESS_CHUNKS,
        /** Remove a policy: a duplicate, one with other parameters (re-added), or one no longer declared. */
        REMOVE_POLICY
    }

    @Override
    public String toString() {
        return description + "\n    " + sql + (parameters.isEmpty() ? "" : "  -- " + parameters);
    }
}
