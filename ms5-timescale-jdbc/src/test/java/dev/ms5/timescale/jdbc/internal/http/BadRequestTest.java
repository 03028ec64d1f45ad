package dev.ms5.timescale.jdbc.internal.http;

import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ADMIN;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ANONYMOUS;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.BASE;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.monitoring.MonitoringResponse;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets 400, 404 or 405 with a problem body that says what to send instead, and reads nothing. */
class BadRequestTest {

    private final Endpoints endpoints = new Endpoints();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "limit=abc          | 'limit' must be a whole number from 1 to 1000, was 'abc'; e.g. limit=100",
        "limit=-1           | 'limit' must be a whole number from 1 to 1000, was '-1'",
        "limit=0            | 'limit' must be a whole number from 1 to 1000, was '0'",
        "limit=1001         | 'limit' must be a whole number from 1 to 1000, was '1001'",
        "limit=%2B5         | 'limit' must be a whole number from 1 to 1000, was '+5'",
        "limit=+5           | 'limit' must be a whole number from 1 to 1000, was ' 5'",
        "limit=99999999999  | 'limit' must be a whole number from 1 to 1000, was '99999999999'",
        "limit=1e3          | 'limit' must be a whole number from 1 to 1000",
        "offset=-1          | 'offset' must be a whole number from 0 to 10000000, was '-1'; e.g. offset=0",
        "offset=10000001    | 'offset' must be a whole number from 0 to 10000000",
        "offset=            | Query parameter 'offset' has no value; e.g. offset=0",
        "offset             | Query parameter 'offset' has no value",
        "limit=5&limit=6    | Query parameter 'limit' is given twice; give it once",
        "table=metric_hist  | Unknown query parameter 'table'; accepted: table_name, limit, offset",
        "table_name=a.b.c   | Query parameter 'table_name' cannot name a table",
        "table_name=%ZZ     | malformed %-escape",
        "&                  | Unknown query parameter ''",
    })
    void theChunksEndpointRefusesBadParameters(String query, String detail) {
        MonitoringResponse response = endpoints.get("metrics/chunks", query, ADMIN);

        assertProblem(response, 400, "https://ms5.dev/problems/bad-request", "Bad request");
        assertThat((String) body(response).get("detail")).contains(detail);
        assertThat(endpoints.admin.reads("chunks")).isZero();
    }

    @Test
    void anOverlongQueryIsRefusedBeforeItIsRead() {
        MonitoringResponse response = endpoints.get("metrics/chunks", "table_name=" + "x".repeat(2038), ADMIN);

        assertProblem(response, 400, "https://ms5.dev/problems/bad-request", "Bad request");
        assertThat((String) body(response).get("detail")).isEqualTo("The query is 2049 characters long; at most 2048"
                + " are accepted");
        assertThat(endpoints.get("metrics/chunks", "table_name=" + "x".repeat(2037), ADMIN).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"health", "health/database", "metrics/hypertables", "configuration", "openapi.json"})
    void endpointsWithoutParametersRefuseAny(String path) {
        MonitoringResponse response = endpoints.get(path, "limit=10", ADMIN);

        assertProblem(response, 400, "https://ms5.dev/problems/bad-request", "Bad request");
        assertThat((String) body(response).get("detail")).isEqualTo("Unknown query parameter 'limit'; " + BASE + "/"
                + path + " takes no parameters");
    }

    @Test
    void goodParametersAreDecodedAndPassedOn() {
        MonitoringResponse response = endpoints.get("metrics/chunks", "table_name=public.%22metric_hist%22&limit=1000"
                + "&offset=10000000", ADMIN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(body(response)).containsAllEntriesOf(Map.of("table", "public.metric_hist", "limit",
                BigDecimal.valueOf(1000), "offset", BigDecimal.valueOf(10_000_000)));
        assertThat(body(endpoints.get("metrics/chunks", "", ADMIN))).containsEntry("table", null)
                .containsEntry("limit", BigDecimal.valueOf(100)).containsEntry("offset", BigDecimal.ZERO);
    }

    @Test
    void anUnknownTableIsNotFound() {
        MonitoringResponse response = endpoints.get("metrics/chunks", "table_name=nope", ADMIN);

        assertProblem(response, 404, "https://ms5.dev/problems/table-not-found", "Hypertable not found");
        assertThat((String) body(response).get("detail")).isEqualTo("Table nope is not a hypertable in database ms5."
                + " The hypertables are listed at " + BASE + "/metrics/hypertables");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/monitoring/nope", "/api/v1/monitoring/health/", "/API/v1/monitoring/health",
        "/api/v1/monitoring/health/../configuration", "/api/v1/monitoring/%68ealth", "/", ""})
    void anUnknownPathIsNotFoundWhoeverAsks(String path) {
        for (var caller : new dev.ms5.timescale.monitoring.Caller[] {ANONYMOUS, ADMIN}) {
            MonitoringResponse response = endpoints.get(path, caller);

            assertProblem(response, 404, "https://ms5.dev/problems/not-found", "Not found");
            assertThat((String) body(response).get("detail")).isEqualTo("No monitoring endpoint has this path; the"
                    + " endpoints are listed in " + BASE + "/openapi.json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get", "TRACE"})
    void otherMethodsAreNotAllowed(String method) {
        MonitoringResponse response = endpoints.request(method, "health", "", ADMIN);

        assertProblem(response, 405, "https://ms5.dev/problems/method-not-allowed", "Method not allowed");
        assertThat(response.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat((String) body(response).get("detail")).isEqualTo("The monitoring endpoints answer GET and HEAD"
                + " only, not " + method);
    }

    @Test
    void headIsAnsweredAsGet() {
        assertThat(endpoints.request("HEAD", "metrics/hypertables", "", ADMIN).status()).isEqualTo(200);
        assertThat(endpoints.request("HEAD", "metrics/hypertables", "", ANONYMOUS).status()).isEqualTo(401);
    }

    @Test
    void accessIsCheckedBeforeTheQuerySoStrangersLearnNothingFromIt() {
        assertThat(endpoints.get("metrics/chunks", "limit=abc", ANONYMOUS).status()).isEqualTo(401);
        assertThat(endpoints.get("metrics/chunks", "table_name=nope", Endpoints.USER).status()).isEqualTo(403);
        assertThat(endpoints.admin.reads("chunks")).isZero();
    }

    static void assertProblem(MonitoringResponse response, int status, String type, String title) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
        assertThat(body(response)).containsOnlyKeys("type", "title", "status", "detail")
                .containsEntry("type", type).containsEntry("title", title)
                .containsEntry("status", BigDecimal.valueOf(status));
    }
}
