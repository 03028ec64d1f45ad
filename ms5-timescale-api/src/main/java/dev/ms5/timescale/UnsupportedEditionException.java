package dev.ms5.timescale;

/** The operation needs the Timescale-License edition, and the server runs the Apache edition. */
public class UnsupportedEditionException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the operation, the server's license and the fix
     */
    public UnsupportedEditionException(String message) {
        super(message);
    }
}
