package dev.ms5.timescale.jdbc.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.jdbc.internal.Json;
import dev.ms5.timescale.monitoring.AccessPolicy;
import dev.ms5.timescale.monitoring.AuditRecord;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringServer;
import dev.ms5.timescale.testkit.ReferenceWorkload;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The eight endpoints over real HTTP (the JDK server adapter) on the reference tables of a real database: the
 * permission matrix, the facts they answer, masking, bad requests, audit, and a database that is gone. Every
 * answer is checked against the shipped OpenAPI document.
 */
@TimescaleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringEndpointsIT {

    private static final String BASE = "/api/v1/monitoring/";
    private static final List<String> PUBLIC = List.of("health", "openapi.json");
    private static final List<String> AUTHENTICATED = List.of("status/timescaledb");
    private static final List<String> ADMIN = List.of("health/database", "health/timescaledb",
            "metrics/hypertables", "metrics/compression", "metrics/chunks", "configuration");
    private static final TimescaleSettings SETTINGS = TimescaleSettings.fromMap(Map.of());
    private static final List<PolicySpec> SPECS = ReferenceWorkload.specs(SETTINGS);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private TimescaleDatabase database;
    private MonitoringServer server;
    private SchemaChecker schema;
    private Map<String, Object> document;

    @BeforeAll
    void serveTheReferenceTables(TimescaleDatabase database) throws Exception {
        this.database = database;
        ReferenceWorkload.createTables(database.dataSource());
        TimescaleAdmin admin = TimescaleAdmin.create(database.dataSource());
        admin.applyPolicies(SPECS);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO metric_hist (metric_def_id, ts, value_real) SELECT gen_random_uuid(),"
                    + " now() - g * INTERVAL '1 hour', g FROM generate_series(0, 47) g");
        }
        var endpoints = admin.monitoring(options());
        server = endpoints.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        document = map(Json.parse(endpoints.openApi()));
        schema = new SchemaChecker(document);
    }

    private MonitoringOptions options() {
        return MonitoringOptions.defaults().access(AccessPolicy.byRole("admin"))
                .callers(headers -> switch (headers.getOrDefault("authorization", List.of("")).get(0)) {
                    case "Bearer admin-token" -> Caller.of("alice", "admin");
                    case "Bearer user-token" -> Caller.of("bob", "viewer");
                    default -> Caller.anonymous();
                })
                .audit(audit::add).specs(SPECS).settings(SETTINGS).jdbcUrl(database.jdbcUrl())
                .cacheFor(Duration.ZERO);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyEndpointAnswersEachCallerAsItsLevelSays() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (String path : concat(PUBLIC, AUTHENTICATED, ADMIN)) {
            for (String token : new String[] {null, "user-token", "admin-token"}) {
                HttpResponse<String> response = get(path, token);
                int expected = PUBLIC.contains(path) || "admin-token".equals(token)
                        || AUTHENTICATED.contains(path) && token != null ? 200 : token == null ? 401 : 403;
                if (response.statusCode() != expected) {
                    mismatches.add(path + " as " + token + ": " + response.statusCode() + " " + response.body());
                }
                mismatches.addAll(documented(path, response));
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(map(Json.parse(get("health", null).body()))).containsOnlyKeys("status");
        assertThat(get("health/timescaledb", null).headers().firstValue("www-authenticate")).contains("Bearer");
    }

    @Test
    void theAnswersCarryTheDatabasesFactsAndNoSecret() throws Exception {
        Map<String, Object> chunks = map(Json.parse(get("metrics/chunks?table_name=metric_hist&limit=3",
                "admin-token").body()));
        Map<String, Object> report = map(Json.parse(get("health/timescaledb", "admin-token").body()));
        String configuration = get("configuration", "admin-token").body();

        assertThat(chunks.get("total").toString()).isEqualTo(single("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'metric_hist'"));
        assertThat(list(chunks.get("chunks"))).hasSize(3);
        assertThat(list(report.get("checks"))).extracting(c -> map(c).get("name")).containsExactly("connection",
                "extension", "edition", "scheduler", "workers", "jobs", "compression", "policies");
        assertThat(configuration).contains("\"database\":\"jdbc:postgresql://").contains("password=****")
                .doesNotContain(database.jdbcUrl().replaceAll(".*password=([^&]*).*", "$1"));
        assertThat(configuration).contains("\"TIMESCALEDB_RETENTION_POLICY\":\"90 days\"");
    }

    @Test
    void badRequestsGetProblemDetailsAndReachNoSql() throws Exception {
        assertThat(get("metrics/chunks?limit=abc", "admin-token").statusCode()).isEqualTo(400);
        assertThat(get("metrics/chunks?limit=5000", "admin-token").statusCode()).isEqualTo(400);
        assertThat(get("metrics/chunks?offset=-1", "admin-token").statusCode()).isEqualTo(400);
        assertThat(get("metrics/chunks?table_name=x%27%3B%20DROP%20TABLE%20metric_hist%3B--", "admin-token")
                .statusCode()).isIn(400, 404);
        assertThat(get("metrics/chunks?table_name=" + "a".repeat(3000), "admin-token").statusCode()).isEqualTo(400);
        assertThat(get("nope", "admin-token").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<String> unknown = get("metrics/chunks?table_name=no_such_table", "admin-token");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("content-type")).get().asString().startsWith("application/problem+json");
        assertThat(documented("metrics/chunks", unknown)).isEmpty();
        assertThat(single("SELECT to_regclass('metric_hist')"))
                .isEqualTo("metric_hist");
    }

    @Test
    void eachAccessAndDenialIsAuditedOnOneLine() throws Exception {
        audit.clear();
        get("metrics/hypertables", "admin-token");
        get("metrics/hypertables", "user-token");
        get("health%0d%0aevent=forged", null);

        assertThat(audit).extracting(AuditRecord::outcome, AuditRecord::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuditRecord.Outcome.ALLOWED, 200),
                org.assertj.core.groups.Tuple.tuple(AuditRecord.Outcome.DENIED, 403),
                org.assertj.core.groups.Tuple.tuple(AuditRecord.Outcome.REJECTED, 404));
        assertThat(audit.get(0).caller()).contains("alice");
        assertThat(audit.get(1).caller()).contains("bob");
        assertThat(audit).allSatisfy(r -> assertThat(r.toLine()).doesNotContain("\n", "\r"));
    }

    @Test
    void aDatabaseThatIsGoneAnswersDownAndUnavailable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PGSimpleDataSource gone = new PGSimpleDataSource();
        gone.setURL("jdbc:postgresql://127.0.0.1:" + port + "/db?user=u&connectTimeout=2");
        try (MonitoringServer down = TimescaleAdmin.create(gone, AdminOptions.defaults()
                .healthTimeout(Duration.ofSeconds(2))).monitoring(options())
                .serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + down.address().getPort() + BASE + "health")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> tables = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + down.address().getPort() + BASE + "metrics/hypertables")).header("Authorization",
                    "Bearer admin-token").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(map(Json.parse(health.body()))).isEqualTo(Map.of("status", "DOWN"));
            assertThat(tables.statusCode()).isEqualTo(503);
            assertThat(documented("metrics/hypertables", tables)).isEmpty();
        }
    }

    private List<String> documented(String path, HttpResponse<String> response) {
        String route = "/api/v1/monitoring/" + path.replaceFirst("\\?.*", "");
        Map<String, Object> responses = map(map(map(map(document.get("paths")).get(route)).get("get"))
                .get("responses"));
        Object documented = responses.get(String.valueOf(response.statusCode()));
        if (documented == null) {
            return List.of(path + ": status " + response.statusCode() + " not documented");
        }
        Map<String, Object> content = map(map(schema.resolve(map(documented))).get("content"));
        Map<String, Object> media = map(content.values().iterator().next());
        return schema.check(Json.parse(response.body()), map(media.get("schema"))).stream()
                .map(m -> path + " " + response.statusCode() + ": " + m).toList();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + BASE + path);
    }

    private String single(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
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
