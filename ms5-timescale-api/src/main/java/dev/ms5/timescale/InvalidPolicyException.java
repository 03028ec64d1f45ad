package dev.ms5.timescale;

/** A {@link PolicySpec} or one of its parts was built with a bad value; the message names the field. */
public class InvalidPolicyException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the field, the bad value and an accepted example
     */
    public InvalidPolicyException(String message) {
        super(message);
    }
}
