package dev.ms5.timescale;

import java.time.Duration;

/**
 * How a {@link TimescaleAdmin} behaves.
 *
 * @param lockTimeout              how long a statement waits for a table lock held by another session before the
 *                                 table fails (default: 5 seconds)
 * @param statementTimeout         how long one statement may run (default: 5 minutes; migrating a large table's
 *                                 rows into chunks may need more)
 * @param advisoryLockDeadline     how long {@code applyPolicies} keeps retrying a table's advisory lock, held by
 *                                 another instance applying the same table, before that table fails
 *                                 (default: 30 seconds)
 * @param removeUndeclaredPolicies whether policies of the declared tables that their spec no longer declares
 *                                 are removed (default: false)
 * @param failOnError              whether {@code applyPolicies} throws {@link PolicyApplicationException} after
 *                                 applying all tables when one failed (default: true); false starts and reports
 * @param healthTimeout            the longest {@code health()} may take (default: 5 seconds)
 */
public record AdminOptions(Duration lockTimeout, Duration statementTimeout, Duration advisoryLockDeadline,
                           boolean removeUndeclaredPolicies, boolean failOnError, Duration healthTimeout) {

    /**
     * Validates.
     *
     * @param lockTimeout              the lock timeout
     * @param statementTimeout         the statement timeout
     * @param advisoryLockDeadline     the advisory lock deadline
     * @param removeUndeclaredPolicies whether to remove undeclared policies
     * @param failOnError              whether to throw on failure
     * @param healthTimeout            the health timeout
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
                Duration.ofSeconds(5));
    }

    /**
     * Returns a copy with another lock timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public AdminOptions lockTimeout(Duration timeout) {
        return new AdminOptions(timeout, statementTimeout, advisoryLockDeadline, removeUndeclaredPolicies,
                failOnError, healthTimeout);
    }

    /**
     * Returns a copy with another statement timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public AdminOptions statementTimeout(Duration timeout) {
        return new AdminOptions(lockTimeout, timeout, advisoryLockDeadline, removeUndeclaredPolicies, failOnError,
                healthTimeout);
    }

    /**
     * Returns a copy with another advisory lock deadline.
     *
     * @param deadline the deadline
     * @return the copy
     */
    public AdminOptions advisoryLockDeadline(Duration deadline) {
        return new AdminOptions(lockTimeout, statementTimeout, deadline, removeUndeclaredPolicies, failOnError,
                healthTimeout);
    }

    /**
     * Returns a copy that does, or does not, remove undeclared policies.
     *
     * @param remove whether to remove
     * @return the copy
     */
    public AdminOptions removeUndeclaredPolicies(boolean remove) {
        return new AdminOptions(lockTimeout, statementTimeout, advisoryLockDeadline, remove, failOnError,
                healthTimeout);
    }

    /**
     * Returns a copy that does, or does not, throw when a table failed.
     *
     * @param fail whether to throw
     * @return the copy
     */
    public AdminOptions failOnError(boolean fail) {
        return new AdminOptions(lockTimeout, statementTimeout, advisoryLockDeadline, removeUndeclaredPolicies, fail,
                healthTimeout);
    }

    /**
     * Returns a copy with another health timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public AdminOptions healthTimeout(Duration timeout) {
        return new AdminOptions(lockTimeout, statementTimeout, advisoryLockDeadline, removeUndeclaredPolicies,
                failOnError, timeout);
    }
}
