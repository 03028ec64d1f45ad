package dev.ms5.timescale;

/**
 * The base of this library's exceptions. Messages say what failed, the identifying values (database,
 * hypertable, SQLState) and the fix.
 */
public class TimescaleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, with the identifying values and the fix
     */
    public TimescaleException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed, with the identifying values and the fix
     * @param cause   the underlying failure, such as an {@link java.sql.SQLException}
     */
    public TimescaleException(String message, Throwable cause) {
        super(message, cause);
    }
}
