package dev.ms5.timescale;

/**
 * The database could not be reached, or the connection was lost before anything could be read. The message
 * names the database (as far as known), the SQLState and the server's or the driver's message; the
 * {@link java.sql.SQLException} is the cause.
 */
public class DatabaseUnavailableException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, the SQLState and the fix
     * @param cause   the driver's exception
     */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
