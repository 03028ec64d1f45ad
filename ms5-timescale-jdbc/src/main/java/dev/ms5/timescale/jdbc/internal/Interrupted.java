package dev.ms5.timescale.jdbc.internal;

import java.sql.SQLException;

/**
 * The calling thread was interrupted while the library waited (for a lock, between retries). It carries no
 * SQLState: the server said nothing. The thread's interrupt flag is set again when this is created.
 */
public final class Interrupted extends SQLException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception and keeps the thread's interrupt flag set.
     *
     * @param waitingFor what the thread was waiting for, e.g. {@code the policy lock}
     * @param cause      the interruption
     */
    public Interrupted(String waitingFor, InterruptedException cause) {
        super("the thread was interrupted while waiting for " + waitingFor, null, cause);
        Thread.currentThread().interrupt();
    }

    /**
     * Sleeps, turning an interruption into this exception.
     *
     * @param millis     how long
     * @param waitingFor what the pause waits for, for the message
     * @throws Interrupted when interrupted
     */
    public static void sleep(long millis, String waitingFor) throws Interrupted {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            throw new Interrupted(waitingFor, e);
        }
    }
}
