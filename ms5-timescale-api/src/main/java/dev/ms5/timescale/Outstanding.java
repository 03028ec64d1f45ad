package dev.ms5.timescale;

/**
 * A difference from what is declared that {@link TimescaleAdmin#applyPolicies} leaves as it is, on purpose, and
 * how to finish it. {@link TimescaleAdmin#plan} keeps listing it until it is gone.
 *
 * @param kind        what kind of difference
 * @param description what differs, e.g. {@code 12 compressed chunks (2026-10-01 to 2026-10-13) keep segment by
 *                    [a]; the new settings apply to new chunks}
 * @param fix         how to finish it, as a call or a setting
 */
public record Outstanding(Kind kind, String description, String fix) {

    /** The kinds of difference left in place. */
    public enum Kind {
        /**
         * Compressed chunks keep the segment-by and order-by they were compressed with; changed settings apply to
         * chunks compressed from now on. {@link TimescaleAdmin#recompressChunks} finishes the change.
         */
        CHUNKS_WITH_OLD_COMPRESSION,
        /**
         * A policy's job is paused ({@code scheduled = false}), by an operator or a previous deploy, and the spec
         * does not declare it paused. It is left paused unless {@link AdminOptions#resumePausedJobs()} is set.
         */
        PAUSED_JOB
    }

    @Override
    public String toString() {
        return description + ". Fix: " + fix;
    }
}
