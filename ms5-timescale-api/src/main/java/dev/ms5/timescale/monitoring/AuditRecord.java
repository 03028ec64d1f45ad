package dev.ms5.timescale.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One access to a monitoring endpoint, allowed or denied.
 *
 * @param at      when the request arrived
 * @param caller  the caller's identity, empty when anonymous
 * @param roles   the caller's roles
 * @param method  the HTTP method
 * @param path    the path
 * @param status  the HTTP status answered
 * @param outcome what happened
 * @param elapsed how long the answer took
 */
public record AuditRecord(Instant at, Optional<String> caller, Set<String> roles, String method, String path,
                          int status, Outcome outcome, Duration elapsed) {

    /**
     * Copies the set.
     *
     * @param at      the time
     * @param caller  the caller
     * @param roles   the roles
     * @param method  the method
     * @param path    the path
     * @param status  the status
     * @param outcome the outcome
     * @param elapsed the time taken
     */
    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(caller, "caller");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** What happened to a request. */
    public enum Outcome {
        /** Answered with what was asked. */
        ALLOWED,
        /** Refused: no identity (401) or too low a level (403). */
        DENIED,
        /** A bad request (400, 404, 405). */
        REJECTED,
        /** The answer failed (503: the database could not be read; 500: an error of the library or the host's code). */
        FAILED
    }

    /**
     * Writes the record as one log line of {@code key=value} pairs, values quoted, with quotes, backslashes and
     * control characters (CR, LF among them) escaped, so that a crafted path or name cannot forge a line.
     *
     * @return e.g. {@code event=monitoring.access outcome=ALLOWED status=200 method="GET" path="/api/v1/..."}
     */
    public String toLine() {
        return "event=monitoring.access outcome=" + outcome + " status=" + status + " method=" + quote(method)
                + " path=" + quote(path) + " caller=" + quote(caller.orElse("anonymous")) + " roles="
                + quote(String.join(",", new TreeSet<>(roles))) + " elapsed_ms=" + elapsed.toMillis() + " at=" + at;
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
