package dev.ms5.timescale.jdbc.internal.http;

import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ADMIN;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ANONYMOUS;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.GUEST;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.jdbc.internal.Json;
import dev.ms5.timescale.monitoring.AccessLevel;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped OpenAPI document against the real answers: every answer the endpoints give, from data that fills
 * every field and from data that leaves every optional part empty, and every error, must match the schema the
 * document gives for its path and status; and every status the document lists must be one the tests produced.
 */
class OpenApiTest {

    private final Map<String, Object> document = map(Json.parse(new Endpoints().handler.openApi()));
    private final SchemaChecker checker = new SchemaChecker(document);
    private final Set<String> seen = new TreeSet<>();
    private final List<String> mismatches = new ArrayList<>();

    @Test
    void documentsEveryEndpointWithItsLevelAndNothingElse() {
        Map<String, Object> paths = map(document.get("paths"));

        assertThat(document).containsEntry("openapi", "3.0.3");
        assertThat(paths.keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Route.values()).map(Route::path).toList());
        for (Route route : Route.values()) {
            Map<String, Object> get = map(map(paths.get(route.path())).get("get"));
            assertThat(map(paths.get(route.path()))).containsOnlyKeys("get");
            assertThat(get.get("x-ms5-access-level")).as(route.path())
                    .isEqualTo(route.level().name().toLowerCase(Locale.ROOT));
            assertThat(get.get("security")).as(route.path()).isEqualTo(route.level() == AccessLevel.PUBLIC ? List.of()
                    : List.of(Map.of("bearer", List.of())));
        }
    }

    @Test
    void theChunkParametersHaveTheBoundsTheEndpointEnforces() {
        Map<String, Object> get = map(map(map(document.get("paths")).get(Route.CHUNKS.path())).get("get"));
        List<Object> parameters = list(get.get("parameters"));

        assertThat(parameters).extracting(p -> map(p).get("name")).containsExactlyElementsOf(Route.CHUNKS.parameters());
        assertThat(map(map(parameters.get(1)).get("schema"))).containsEntry("minimum", BigDecimal.ONE)
                .containsEntry("maximum", BigDecimal.valueOf(Query.MAX_LIMIT))
                .containsEntry("default", BigDecimal.valueOf(Query.DEFAULT_LIMIT));
        assertThat(map(map(parameters.get(2)).get("schema"))).containsEntry("minimum", BigDecimal.ZERO)
                .containsEntry("maximum", BigDecimal.valueOf(Query.MAX_OFFSET));
    }

    @Test
    void everyAnswerMatchesTheDocumentAndEveryDocumentedAnswerOccurs() {
        for (boolean full : new boolean[] {true, false}) {
            for (Status status : Status.values()) {
                Endpoints endpoints = new Endpoints();
                endpoints.admin.full(full).status(status);
                for (Route route : Route.values()) {
                    check(route.path(), endpoints.get(route.path(), ADMIN));
                }
            }
        }
        Endpoints endpoints = new Endpoints();
        for (Route route : Route.values()) {
            check(route.path(), endpoints.get(route.path(), "nope=1", ADMIN));
            check(route.path(), endpoints.get(route.path(), ANONYMOUS));
            check(route.path(), endpoints.get(route.path(), GUEST));
            check(route.path(), endpoints.request("POST", route.path(), "", ADMIN));
        }
        check(Route.CHUNKS.path(), endpoints.get(Route.CHUNKS.path(), "table_name=nope", ADMIN));
        Endpoints failing = new Endpoints();
        failing.admin.failing(() -> new DatabaseUnavailableException("down", null));
        Endpoints broken = new Endpoints(MonitoringOptions.defaults().access(caller -> {
            throw new IllegalStateException("policy down");
        }));
        for (Route route : Route.values()) {
            check(route.path(), failing.get(route.path(), ADMIN));
            check(route.path(), broken.get(route.path(), ADMIN));
        }
        checkAgainst("NotFound", endpoints.get("/api/v1/monitoring/nope", ADMIN));
        checkAgainst("MethodNotAllowed", endpoints.request("DELETE", "health", "", ADMIN));

        assertThat(mismatches).isEmpty();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(documented());
    }

    @Test
    void theEndpointServesTheShippedDocument() {
        MonitoringResponse response = new Endpoints().get("openapi.json", ANONYMOUS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(body(response)).isEqualTo(document);
    }

    private void check(String path, MonitoringResponse response) {
        String key = path + " " + response.status();
        seen.add(key);
        Map<String, Object> operation = map(map(map(document.get("paths")).get(path)).get("get"));
        Object documentedResponse = map(operation.get("responses")).get(String.valueOf(response.status()));
        if (documentedResponse == null) {
            mismatches.add(key + ": not documented");
            return;
        }
        mismatches.addAll(matches(key, checker.resolve(map(documentedResponse)), response));
    }

    private void checkAgainst(String name, MonitoringResponse response) {
        Map<String, Object> documentedResponse = map(map(map(document.get("components")).get("responses")).get(name));
        mismatches.addAll(matches(name + " " + response.status(), documentedResponse, response));
    }

    private List<String> matches(String key, Map<String, Object> documentedResponse, MonitoringResponse response) {
        Map<String, Object> content = map(documentedResponse.get("content"));
        if (!content.containsKey(response.contentType())) {
            return List.of(key + ": answered " + response.contentType() + ", documented " + content.keySet());
        }
        Map<String, Object> schema = map(map(content.get(response.contentType())).get("schema"));
        return checker.check(Json.parse(response.body()), schema).stream().map(e -> key + ": " + e).toList();
    }

    private Set<String> documented() {
        Set<String> all = new TreeSet<>();
        map(document.get("paths")).forEach((path, item) -> map(map(map(item).get("get")).get("responses")).keySet()
                .forEach(status -> all.add(path + " " + status)));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
