package dev.ms5.timescale.spring.boot.actuate;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code timescaledb} health contributor: the library's {@link HealthReport}, with the declared tables'
 * {@code policies} check, as an Actuator health. Each check is a detail ({@code status}, {@code detail}), shown
 * under Actuator's own rules ({@code management.endpoint.health.show-details}).
 *
 * <table>
 *     <caption>Status mapping</caption>
 *     <tr><th>HealthReport</th><th>Actuator</th><th>HTTP (Actuator's defaults)</th></tr>
 *     <tr><td>UP</td><td>UP</td><td>200</td></tr>
 *     <tr><td>DEGRADED</td><td>{@link #DEGRADED} (a status of its own)</td><td>200; not counted in the
 *     aggregate status unless management.endpoint.health.status.order names it</td></tr>
 *     <tr><td>DOWN</td><td>DOWN</td><td>503</td></tr>
 *     <tr><td>UNKNOWN</td><td>UNKNOWN</td><td>200</td></tr>
 * </table>
 * DEGRADED is not mapped to OUT_OF_SERVICE: that answers 503 and takes the instance out of a load balancer,
 * while a degraded database (a failing background job, poor compression) still serves the application.
 */
public final class TimescaleHealthIndicator implements HealthIndicator {

    /** Works, but something needs an operator's attention; see the checks' details. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "TimescaleDB works, but something needs an operator's attention");

    private final TimescaleAdmin admin;
    private final List<PolicySpec> specs;

    /**
     * Creates the contributor.
     *
     * @param admin the admin
     * @param specs the declared tables, for the {@code policies} check; empty for none
     */
    public TimescaleHealthIndicator(TimescaleAdmin admin, List<PolicySpec> specs) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.specs = List.copyOf(specs);
    }

    @Override
    public Health health() {
        HealthReport report = specs.isEmpty() ? admin.health() : admin.health(specs);
        Health.Builder health = Health.status(status(report.status()));
        for (HealthReport.Check check : report.checks()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", check.status().name());
            detail.put("detail", check.detail());
            health.withDetail(check.name(), detail);
        }
        return health.build();
    }

    /**
     * Maps a report's status to Actuator's.
     *
     * @param status the library's status
     * @return Actuator's status, by the table above
     */
    public static Status status(HealthReport.Status status) {
        return switch (status) {
            case UP -> Status.UP;
            case DEGRADED -> DEGRADED;
            case DOWN -> Status.DOWN;
            case UNKNOWN -> Status.UNKNOWN;
        };
    }
}
