package dev.ms5.timescale.testkit;

/**
 * The edition a test asked for cannot be had here. The fixture turns it into a skipped test whose reason is
 * this message.
 */
public final class EditionUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is missing and how to provide it
     */
    public EditionUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what is missing and how to provide it
     * @param cause   the underlying failure
     */
    public EditionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
