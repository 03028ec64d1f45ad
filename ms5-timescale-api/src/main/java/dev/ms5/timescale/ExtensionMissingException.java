package dev.ms5.timescale;

/** The database has no {@code timescaledb} extension. The message names the database and how to create it. */
public class ExtensionMissingException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the database and the fix
     */
    public ExtensionMissingException(String message) {
        super(message);
    }
}
