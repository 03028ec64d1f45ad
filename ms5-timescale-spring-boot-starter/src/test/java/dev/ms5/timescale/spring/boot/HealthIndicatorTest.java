package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.HealthReport.Check;
import dev.ms5.timescale.spring.boot.actuate.TimescaleHealthIndicator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The library's health report as an Actuator health: the status mapping and the details. */
class HealthIndicatorTest {

    @ParameterizedTest
    @CsvSource({"UP, UP", "DEGRADED, DEGRADED", "DOWN, DOWN", "UNKNOWN, UNKNOWN"})
    void statusesMapOneToOne(HealthReport.Status library, String actuator) {
        assertThat(TimescaleHealthIndicator.status(library).getCode()).isEqualTo(actuator);
    }

    @Test
    void degradedIsAStatusOfItsOwnNotOutOfService() {
        assertThat(TimescaleHealthIndicator.DEGRADED).isNotEqualTo(Status.OUT_OF_SERVICE)
                .isEqualTo(new Status("DEGRADED"));
    }

    @Test
    void eachCheckIsADetailWithItsStatusAndDetail() {
        StubAdmin stub = new StubAdmin();
        stub.health = HealthReport.of(List.of(
                new Check("connection", HealthReport.Status.UP, "round trip 1 ms", Duration.ofMillis(1), Map.of()),
                new Check("jobs", HealthReport.Status.DEGRADED, "job 1000 failed its last 3 runs: cannot drop portal",
                        Duration.ofMillis(2), Map.of("failing", List.of(1000)))), Duration.ofMillis(3));

        Health health = new TimescaleHealthIndicator(stub.admin, List.of()).health();

        assertThat(health.getStatus()).isEqualTo(TimescaleHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsExactly(
                Map.entry("connection", Map.of("status", "UP", "detail", "round trip 1 ms")),
                Map.entry("jobs", Map.of("status", "DEGRADED",
                        "detail", "job 1000 failed its last 3 runs: cannot drop portal")));
        assertThat(new TimescaleHealthIndicator(stub.admin, List.of()).health(false).getDetails()).isEmpty();
    }
}
