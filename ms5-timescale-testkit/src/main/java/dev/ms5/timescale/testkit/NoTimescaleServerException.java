package dev.ms5.timescale.testkit;

import java.util.List;

/** No provider could serve a TimescaleDB server; the message lists each, why it could not, and its fix. */
public final class NoTimescaleServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * One provider's failure.
     *
     * @param provider the provider's name
     * @param reason   why it could not serve
     * @param fix      what would make it serve
     */
    public record Attempt(String provider, String reason, String fix) {
    }

    private final transient List<Attempt> attempts;

    /**
     * Creates the exception.
     *
     * @param attempts every provider tried, in order
     */
    public NoTimescaleServerException(List<Attempt> attempts) {
        super(message(attempts));
        this.attempts = List.copyOf(attempts);
    }

    /**
     * Returns what each provider answered.
     *
     * @return the attempts, in the order tried
     */
    public List<Attempt> attempts() {
        return attempts;
    }

    private static String message(List<Attempt> attempts) {
        StringBuilder text = new StringBuilder("No TimescaleDB server for the tests; the providers were tried in"
                + " this order:");
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            text.append("\n  ").append(i + 1).append(". ").append(attempt.provider()).append(": ")
                    .append(attempt.reason())
                    .append("\n     Fix: ").append(attempt.fix());
        }
        return text.toString();
    }
}
