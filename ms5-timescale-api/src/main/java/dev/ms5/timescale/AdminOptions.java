package dev.ms5.timescale;

import java.time.Duration;

/**
 * How a {@link TimescaleAdmin} behaves. Start from {@link #defaults()} and change what you need:
 * {@code AdminOptions.defaults().lockTimeout(Duration.ofSeconds(2)).failOnError(false)}.
 *
 * @param lockTimeout              how long a statement waits for a table lock held by another session before the
 *                                 table fails (default: 5 seconds)
 * @param statementTimeout         how long one statement may run (default: 5 minutes; migrating a large table's
 *                                 rows into chunks, or recompressing a large chunk, may need more)
 * @param advisoryLockDeadline     how long {@code applyPolicies} keeps retrying a table's advisory lock, held by
 *                                 another instance applying the same table, before that table fails
 *                                 (default: 30 seconds)
 * @param removeUndeclaredPolicies whether policies of the declared tables that their spec no longer declares
 *                                 are removed (default: false)
 * @param failOnError              whether {@code applyPolicies} throws {@link PolicyApplicationException} after
 *                                 applying all tables when one failed (default: true); false starts and reports
 * @param healthTimeout            the longest {@code health()} and each statistics call may take (default: 5
 *                                 seconds)
 * @param resumePausedJobs         whether {@code applyPolicies} resumes a declared policy's job that someone
 *                                 paused (default: false: it is left paused and reported as outstanding, since
 *                                 an operator may have paused retention on purpose)
 * @param recompressChunks         whether {@code applyPolicies}, after changing a table's segment-by or order-by,
 *                                 recompresses the chunks compressed with the old settings, one chunk per
 *                                 transaction (default: false: they are reported as outstanding, and
 *                                 {@link TimescaleAdmin#recompressChunks} does it when the host chooses)
 */
public record AdminOptions(Duration lockTimeout, Duration statementTimeout, Duration advisoryLockDeadline,
                           boolean removeUndeclaredPolicies, boolean failOnError, Duration healthTimeout,
                           boolean resumePausedJobs, boolean recompressChunks) {

    /**
     * Validates.
     *
     * @param lockTimeout              the lock timeout
     * @param statementTimeout         the statement timeout
     * @param advisoryLockDeadline     the advisory lock deadline
     * @param removeUndeclaredPolicies whether to remove undeclared policies
     * @param failOnError              whether to throw on failure
     * @param healthTimeout            the health timeout
     * @param resumePausedJobs         whether to resume paused jobs
     * @param recompressChunks         whether to recompress chunks compressed with older settings
     */
    public AdminOptions {
        PolicySpec.requirePositive("lockTimeout", lockTimeout, "Duration.ofSeconds(5)");
        PolicySpec.requirePositive("statementTimeout", statementTimeout, "Duration.ofMinutes(5)");
        PolicySpec.requirePositive("advisoryLockDeadline", advisoryLockDeadline, "Duration.ofSeconds(30)");
        PolicySpec.requirePositive("healthTimeout", healthTimeout, "Duration.ofSeconds(5)");
    }

    /**
     * Returns the defaults.
     *
     * @return the default options
     */
    public static AdminOptions defaults() {
        return new AdminOptions(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(30), false, true,
                Duration.ofSeconds(5), false, false);
    }

    /**
     * Returns a copy with another lock timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public AdminOptions lockTimeout(Duration timeout) {
        return new AdminOptions(timeout, statementTimeout, advisoryLockDeadline, removeUndeclaredPolicies,
                failOnError, healthTimeout, resumePausedJobs, recompressChunks);
    }

    /**
     * Returns a copy with another statement timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public AdminOptions statementTimeout(Duration timeout) {
        return new AdminOptions(lockTimeout, timeout, advisoryLockDeadline, removeUndeclaredPolicies, failOnError,
                healthTimeout, resumePausedJobs, recompressChunks);
    }

    /**
     * Returns a copy with another advisory lock deadline.
     *
     * @param deadline the deadline
     * @return the copy
     */
    public AdminOptions advisoryLockDeadline(Duration deadline) {
        return new AdminOptions(lockTimeout, statementTimeout, deadline, removeUndeclaredPolicies, failOnError,
                healthTimeout, resumePausedJobs, recompressChunks);
    }

    /**
     * Returns a copy that does, or does not, remove undeclared policies.
     *
     * @param remove whether to remove
     * @return the copy
     */
    public AdminOptions removeUndeclaredPolicies(boolean remove) {
        return new AdminOptions(lockTimeout, statementTimeout, advisoryLockDeadline, remove, failOnError,
                healthTimeout, resumePausedJobs, recompressChunks);
    }

    /**
     * Returns a copy that does, or does not, throw when a table failed.
     *
     * @param fail whether to throw
     * @return the copy
     */
    public AdminOptions failOnError(boolean fail) {
        return new AdminOptions(lockTimeout, statementTimeout, advisoryLockDeadline, removeUndeclaredPolicies, fail,
                healthTimeout, resumePausedJobs, recompressChunks);
    }

    /**
     * Returns a copy with another health timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public AdminOptions healthTimeout(Duration timeout) {
        return new AdminOptions(lockTimeout, statementTimeout, advisoryLockDeadline, removeUndeclaredPolicies,
                failOnError, timeout, resumePausedJobs, recompressChunks);
    }

    /**
     * Returns a copy that does, or does not, resume declared policies' jobs found paused.
     *
     * @param resume whether to resume
     * @return the copy
     */
    public AdminOptions resumePausedJobs(boolean resume) {
        return new AdminOptions(lockTimeout, statementTimeout, advisoryLockDeadline, removeUndeclaredPolicies,
                failOnError, healthTimeout, resume, recompressChunks);
    }

    /**
     * Returns a copy that does, or does not, recompress chunks compressed with settings other than the declared
     * ones while applying.
     *
     * @param recompress whether to recompress
     * @return the copy
     */
    public AdminOptions recompressChunks(boolean recompress) {
        return new AdminOptions(lockTimeout, statementTimeout, advisoryLockDeadline, removeUndeclaredPolicies,
                failOnError, healthTimeout, resumePausedJobs, recompress);
    }
}
