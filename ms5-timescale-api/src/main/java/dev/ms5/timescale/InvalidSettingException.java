package dev.ms5.timescale;

/** A setting (environment variable, system property or map entry) has a bad value. */
public class InvalidSettingException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the setting's name, its value and an accepted example
     */
    public InvalidSettingException(String message) {
        super(message);
    }
}
