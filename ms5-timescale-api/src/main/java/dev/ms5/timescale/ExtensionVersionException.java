package dev.ms5.timescale;

/**
 * The database's {@code timescaledb} extension is older than this library supports, or the database runs with
 * a setting the library cannot work with. The message names the version and the fix.
 */
public class ExtensionVersionException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the version found, the oldest supported and the fix
     */
    public ExtensionVersionException(String message) {
        super(message);
    }
}
