package dev.ms5.timescale;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the database's time-series storage is doing: an overall status from named checks, each with its status, a
 * detail a person can act on, and how long it took.
 *
 * <p>The checks, in order: {@code connection} (round trip), {@code extension} (installed, version, whether an
 * update is available, whether the loaded library matches), {@code edition}, {@code scheduler} (background
 * workers running for this database), {@code workers} (scheduled jobs against
 * {@code timescaledb.max_background_workers}), {@code jobs} (failing, overdue), {@code compression} (tables whose
 * compression saves too little, or whose compressed data is larger), and {@code policies} (the declared specs
 * against the database, when specs were given).
 *
 * <p>The overall status is the most severe of the checks' in the order {@link Status#DOWN},
 * {@link Status#DEGRADED}, {@link Status#UP}, {@link Status#UNKNOWN}: a check that could not finish is unknown
 * and does not, alone, make the database look unhealthy. A database that cannot be reached, or that stops
 * answering before the report's timeout, is {@code DOWN}.
 *
 * @param status  the overall status
 * @param checks  the checks, in the order above
 * @param elapsed how long the report took
 */
public record HealthReport(Status status, List<Check> checks, Duration elapsed) {

    /**
     * Copies the list.
     *
     * @param status  the status
     * @param checks  the checks
     * @param elapsed the time taken
     */
    public HealthReport {
        Objects.requireNonNull(status, "status");
        checks = List.copyOf(checks);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Builds a report whose status is aggregated from its checks by the rule above.
     *
     * @param checks  the checks
     * @param elapsed the time taken
     * @return the report
     */
    public static HealthReport of(List<Check> checks, Duration elapsed) {
        Status worst = Status.UNKNOWN;
        for (Check check : checks) {
            if (check.status().severity() > worst.severity()) {
                worst = check.status();
            }
        }
        return new HealthReport(worst, checks, elapsed);
    }

    /** A status, from an ordered set as Spring Boot Actuator models it. */
    public enum Status {
        /** Works as it should. */
        UP(1),
        /** Works, but something needs an operator's attention: see the checks' details. */
        DEGRADED(2),
        /** Not usable: the database cannot be reached, stopped answering, or has no TimescaleDB. */
        DOWN(3),
        /** Could not be told (the check could not finish, or does not apply). */
        UNKNOWN(0);

        private final int severity;

        Status(int severity) {
            this.severity = severity;
        }

        /**
         * Returns how severe this status is when checks are aggregated.
         *
         * @return {@code DOWN} 3, {@code DEGRADED} 2, {@code UP} 1, {@code UNKNOWN} 0
         */
        public int severity() {
            return severity;
        }
    }

    /**
     * One check.
     *
     * @param name    its name, e.g. {@code jobs}
     * @param status  its status
     * @param detail  what it found, in words a person can act on (the fix when something is wrong)
     * @param elapsed how long it took
     * @param data    the facts behind it, for machines: values are strings, numbers, booleans or lists of them
     */
    public record Check(String name, Status status, String detail, Duration elapsed, Map<String, Object> data) {

        /**
         * Copies the map, keeping its order.
         *
         * @param name    the name
         * @param status  the status
         * @param detail  the detail
         * @param elapsed the time taken
         * @param data    the facts
         */
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(elapsed, "elapsed");
            data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }
    }

    /**
     * Returns a check by name.
     *
     * @param name e.g. {@code connection}
     * @return the check, if the report has it
     */
    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Returns what needs attention, one line per check that is not up: {@code name: detail}.
     *
     * @return the problems, in the checks' order
     */
    public List<String> problems() {
        return checks.stream().filter(c -> c.status() == Status.DEGRADED || c.status() == Status.DOWN)
                .map(c -> c.name() + ": " + c.detail()).toList();
    }
}
