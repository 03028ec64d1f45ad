package dev.ms5.timescale.jdbc.internal.http;

import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ADMIN;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ANONYMOUS;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.GUEST;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.USER;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.monitoring.AccessPolicy;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint against every kind of caller: 200 when its level allows, 401 without identity, 403 with. */
class PermissionMatrixTest {

    /** Path, then the status for an anonymous caller, a guest (known, public), a user and an admin. */
    static Stream<Arguments> matrix() {
        return Stream.of(
                row("health", 200, 200, 200, 200),
                row("health/database", 401, 403, 403, 200),
                row("health/timescaledb", 401, 403, 403, 200),
                row("status/timescaledb", 401, 403, 200, 200),
                row("metrics/hypertables", 401, 403, 403, 200),
                row("metrics/compression", 401, 403, 403, 200),
                row("metrics/chunks", 401, 403, 403, 200),
                row("configuration", 401, 403, 403, 200),
                row("openapi.json", 200, 200, 200, 200)).flatMap(List::stream);
    }

    private static List<Arguments> row(String path, int anonymous, int guest, int user, int admin) {
        return List.of(Arguments.of(path, "anonymous", ANONYMOUS, anonymous), Arguments.of(path, "guest", GUEST, guest),
                Arguments.of(path, "user", USER, user), Arguments.of(path, "admin", ADMIN, admin));
    }

    @ParameterizedTest(name = "{0} as {1}: {3}")
    @MethodSource("matrix")
    void eachEndpointAnswersEachCallerAsItsLevelSays(String path, String who, Caller caller, int expected) {
        MonitoringResponse response = new Endpoints().get(path, caller);

        assertThat(response.status()).isEqualTo(expected);
        if (expected == 200) {
            assertThat(response.contentType()).isEqualTo("application/json");
        } else {
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(body(response)).containsEntry("status", java.math.BigDecimal.valueOf(expected))
                    .containsKeys("type", "title", "detail");
        }
        if (expected == 401) {
            assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer");
            assertThat(body(response)).containsEntry("type", "https://ms5.dev/problems/unauthorized");
        } else {
            assertThat(response.headers()).doesNotContainKey("WWW-Authenticate");
        }
        if (expected == 403) {
            assertThat(body(response)).containsEntry("type", "https://ms5.dev/problems/forbidden");
            String needs = path.startsWith("status") ? "authenticated" : "admin";
            String has = caller == GUEST ? "public" : "authenticated";
            assertThat(body(response)).containsEntry("detail", "This endpoint needs the " + needs + " level; the"
                    + " caller has the " + has + " level. Fix: give the caller the role that the host's AccessPolicy"
                    + " maps to " + needs);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Status.class)
    void thePublicHealthRevealsTheStatusOnlyEvenToAnAdmin(Status status) {
        Endpoints endpoints = new Endpoints();
        endpoints.admin.status(status);

        for (Caller caller : List.of(ANONYMOUS, USER, ADMIN)) {
            MonitoringResponse response = endpoints.get("health", caller);

            assertThat(response.body()).isEqualTo("{\"status\":\"" + status + "\"}");
            assertThat(response.status()).isEqualTo(status == Status.DOWN ? 503 : 200);
        }
        assertThat(endpoints.get("health/timescaledb", ADMIN).body()).contains("round trip 3 ms");
    }

    @Test
    void deniedRequestsReadNothing() {
        Endpoints endpoints = new Endpoints();

        for (String path : List.of("health/database", "health/timescaledb", "metrics/hypertables",
                "metrics/compression", "metrics/chunks", "configuration", "status/timescaledb")) {
            endpoints.get(path, ANONYMOUS);
            endpoints.get(path, GUEST);
        }

        assertThat(endpoints.admin.reads("statistics")).isZero();
        assertThat(endpoints.admin.reads("health")).isZero();
    }

    @Test
    void byDefaultOnlyThePublicEndpointsAnswerEvenAnAdmin() {
        Endpoints endpoints = new Endpoints(MonitoringOptions.defaults());

        assertThat(endpoints.get("health", ADMIN).status()).isEqualTo(200);
        assertThat(endpoints.get("openapi.json", ADMIN).status()).isEqualTo(200);
        assertThat(endpoints.get("status/timescaledb", ADMIN).status()).isEqualTo(403);
        assertThat(endpoints.get("configuration", ADMIN).status()).isEqualTo(403);
        assertThat(endpoints.get("configuration", ANONYMOUS).status()).isEqualTo(401);
    }

    @Test
    void theByRolePolicyGivesAdminsEverythingAndOtherKnownCallersTheStatus() {
        Endpoints endpoints = new Endpoints(MonitoringOptions.defaults().access(AccessPolicy.byRole("ops")));

        assertThat(endpoints.get("metrics/hypertables", Caller.of("bob", "ops")).status()).isEqualTo(200);
        assertThat(endpoints.get("metrics/hypertables", ADMIN).status()).isEqualTo(403);
        assertThat(endpoints.get("status/timescaledb", ADMIN).status()).isEqualTo(200);
        assertThat(body(endpoints.get("status/timescaledb", ADMIN))).containsAllEntriesOf(Map.of("installed", true,
                "version", "2.19.3", "edition", "timescale", "status", "UP"));
    }
}
