package dev.ms5.timescale.testkit.internal;

/** A provider could not serve; the message says why, {@link #fix()} what would make it serve. */
public final class ProviderUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String fix;

    /**
     * Creates the exception.
     *
     * @param reason why the provider cannot serve
     * @param fix    what the user can do about it
     * @param cause  the underlying failure, or {@code null}
     */
    public ProviderUnavailableException(String reason, String fix, Throwable cause) {
        super(reason, cause);
        this.fix = fix;
    }

    /**
     * Creates the exception without a cause.
     *
     * @param reason why the provider cannot serve
     * @param fix    what the user can do about it
     */
    public ProviderUnavailableException(String reason, String fix) {
        this(reason, fix, null);
    }

    /**
     * Returns what would make this provider serve.
     *
     * @return a command or a setting
     */
    public String fix() {
        return fix;
    }
}
