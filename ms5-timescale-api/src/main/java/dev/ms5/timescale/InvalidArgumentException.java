package dev.ms5.timescale;

/**
 * A value passed to the library is not one it accepts: an interval, a duration, a time range. The message names
 * the value and gives an accepted example.
 */
public class InvalidArgumentException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the argument, its value and an accepted example
     */
    public InvalidArgumentException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message the argument, its value and an accepted example
     * @param cause   the underlying failure
     */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
