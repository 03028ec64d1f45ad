package dev.ms5.timescale.jdbc.internal.http;

import static dev.ms5.timescale.jdbc.internal.http.BadRequestTest.assertProblem;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ADMIN;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ANONYMOUS;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.USER;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A database that cannot be read gives 503 with what an operator needs, and never SQL or credentials. */
class UnavailableTest {

    private static final String MESSAGE = "Cannot reach the database jdbc:postgresql://db/ms5?user=app&password=s3cret"
            + " to read its statistics: Connection refused (SQLState 08001). Fix: check that the server is up\n"
            + "second line";

    private final Endpoints endpoints = new Endpoints();

    @ParameterizedTest
    @ValueSource(strings = {"health/database", "health/timescaledb", "status/timescaledb", "metrics/hypertables",
        "metrics/compression", "metrics/chunks", "configuration"})
    void aDatabaseThatCannotBeReadIsServiceUnavailable(String path) {
        endpoints.admin.failing(() -> new DatabaseUnavailableException(MESSAGE,
                new SQLException("SELECT secret FROM pg_authid", "08001")));

        MonitoringResponse response = endpoints.get(path, ADMIN);

        assertProblem(response, 503, "https://ms5.dev/problems/database-unavailable", "Database unavailable");
        assertThat((String) body(response).get("detail")).isEqualTo("The database could not be read: Cannot reach the"
                + " database jdbc:postgresql://db/ms5?user=app&password=**** to read its statistics: Connection refused"
                + " (SQLState 08001). Fix: check that the server is up");
        assertThat(response.body()).doesNotContain("s3cret", "SELECT", "pg_authid", "second line");
    }

    @Test
    void onlyAnAdminIsToldWhy() {
        endpoints.admin.failing(() -> new TimescaleException(MESSAGE));

        MonitoringResponse response = endpoints.get("status/timescaledb", USER);

        assertProblem(response, 503, "https://ms5.dev/problems/database-unavailable", "Database unavailable");
        assertThat((String) body(response).get("detail")).isEqualTo("The database could not be read; an operator sees"
                + " why at /api/v1/monitoring/health/timescaledb");
    }

    @Test
    void thePublicHealthOfADatabaseThatCannotBeReadIsDown() {
        endpoints.admin.failing(() -> new DatabaseUnavailableException(MESSAGE, null));

        MonitoringResponse response = endpoints.get("health", ANONYMOUS);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\"}");
    }

    @Test
    void aDownReportIsStillAReportForAnAdmin() {
        endpoints.admin.status(Status.DOWN);

        assertThat(endpoints.get("health", ANONYMOUS).status()).isEqualTo(503);
        MonitoringResponse report = endpoints.get("health/timescaledb", ADMIN);
        assertThat(report.status()).isEqualTo(200);
        assertThat(body(report)).containsEntry("status", "DOWN");
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorThatSaysNothingOfItsCause() {
        endpoints.admin.failing(() -> new IllegalStateException("SELECT password FROM users"));

        MonitoringResponse response = endpoints.get("metrics/hypertables", ADMIN);

        assertProblem(response, 500, "https://ms5.dev/problems/internal-error", "Internal error");
        assertThat((String) body(response).get("detail")).isEqualTo("The monitoring endpoint failed unexpectedly; the"
                + " host's log has the error (logger dev.ms5.timescale.jdbc.internal.http)");
        assertThat(response.body()).doesNotContain("SELECT", "password");
    }

    @Test
    void aFailingAccessPolicyIsAnInternalErrorNotAnOpenDoor() {
        Endpoints broken = new Endpoints(MonitoringOptions.defaults().access(caller -> {
            throw new IllegalStateException("token store down");
        }));

        assertThat(broken.get("configuration", ADMIN).status()).isEqualTo(500);
        assertThat(broken.admin.reads("statistics")).isZero();
    }

    @Test
    void aPolicyThatAnswersNullGrantsThePublicLevel() {
        Endpoints lax = new Endpoints(MonitoringOptions.defaults().access(caller -> null));

        assertThat(lax.get("configuration", ADMIN).status()).isEqualTo(403);
        assertThat(lax.get("health", ADMIN).status()).isEqualTo(200);
    }
}
