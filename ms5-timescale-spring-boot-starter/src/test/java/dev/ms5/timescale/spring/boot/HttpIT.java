package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web side over real HTTP, with Spring Security's HTTP Basic and two users: the timescaledb health
 * contributor under Actuator's show-details rules, the gauges in /actuator/metrics, and the monitoring endpoints
 * with access levels from roles.
 */
@ExtendWith(SpringDatabases.class)
@SpringBootTest(classes = {TestApplication.class, HttpIT.Security.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "management.endpoints.web.exposure.include=health,metrics",
            "management.endpoint.health.show-components=always",
            "management.endpoint.health.show-details=when-authorized",
            "management.endpoint.health.roles=ADMIN",
            "ms5.timescale.monitoring.enabled=true"})
@DirtiesContext
class HttpIT {

    private static final String ANONYMOUS = null;
    private static final String USER = "user:user-pw";
    private static final String ADMIN = "admin:admin-pw";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SpringDatabases.register(registry, HttpIT.class);
    }

    /** The host's security: HTTP Basic, a user and an admin; health and the monitoring paths open to all. */
    @Configuration(proxyBeanMethods = false)
    static class Security {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/actuator/health", "/actuator/health/**", "/api/v1/monitoring/**")
                            .permitAll().anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults()).build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("user").password("{noop}user-pw").roles("USER").build(),
                    User.withUsername("admin").password("{noop}admin-pw").roles("ADMIN").build());
        }
    }

    @Test
    void healthShowsTimescaledbToAllAndItsDetailsToAnAdminOnly() throws Exception {
        for (String caller : new String[] {ANONYMOUS, USER}) {
            HttpResponse<String> health = get("/actuator/health", caller);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<String>read(health.body(), "$.status")).isEqualTo("UP");
            assertThat(JsonPath.<String>read(health.body(), "$.components.timescaledb.status"))
                    .isIn("UP", "DEGRADED", "UNKNOWN");
            assertThat(JsonPath.<Map<String, Object>>read(health.body(), "$.components.timescaledb"))
                    .doesNotContainKey("details");
        }

        HttpResponse<String> health = get("/actuator/health", ADMIN);
        Map<String, Map<String, String>> details = JsonPath.read(health.body(), "$.components.timescaledb.details");
        assertThat(details).containsKeys("connection", "extension", "edition", "scheduler", "workers", "jobs",
                "compression", "policies");
        assertThat(details.get("connection")).containsEntry("status", "UP").containsKey("detail");
        assertThat(details.get("policies")).containsEntry("status", "UP");
        // The contributor's status is the most severe of the checks', DOWN before DEGRADED before UP (an UNKNOWN
        // check alone does not count), whatever this machine's background jobs do.
        List<String> statuses = details.values().stream().map(d -> d.get("status")).toList();
        String expected = statuses.contains("DOWN") ? "DOWN" : statuses.contains("DEGRADED") ? "DEGRADED" : "UP";
        assertThat(JsonPath.<String>read(health.body(), "$.components.timescaledb.status")).isEqualTo(expected);
    }

    @Test
    void theGaugesAppearInActuatorsMetrics() throws Exception {
        // Binding reads nothing; the first read of a gauge takes the snapshot and registers the tables' series.
        assertThat(get("/actuator/metrics/timescaledb.health.status", ADMIN).statusCode()).isEqualTo(200);

        HttpResponse<String> names = get("/actuator/metrics", ADMIN);
        assertThat(JsonPath.<List<String>>read(names.body(), "$.names")).contains("timescaledb.health.status",
                "timescaledb.hypertable.chunks", "timescaledb.hypertable.size.bytes");
        HttpResponse<String> chunks = get("/actuator/metrics/timescaledb.hypertable.chunks", ADMIN);
        assertThat(chunks.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(chunks.body(), "$.availableTags[?(@.tag == 'table')].values[*]"))
                .containsExactlyInAnyOrder("public.metric_hist", "public.oee_calculations",
                        "public.energy_consumption", "public.production_kpis");
        assertThat(get("/actuator/metrics", ANONYMOUS).statusCode()).isEqualTo(401);
    }

    @Test
    void theMonitoringEndpointsHonourTheRoles() throws Exception {
        String admin = "/api/v1/monitoring/metrics/hypertables";
        HttpResponse<String> anonymous = get(admin, ANONYMOUS);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JsonPath.<String>read(anonymous.body(), "$.type"))
                .isEqualTo("https://ms5.dev/problems/unauthorized");
        assertThat(get(admin, USER).statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = get(admin, ADMIN);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(allowed.body(), "$.hypertables[*].name"))
                .containsExactlyInAnyOrder("metric_hist", "oee_calculations", "energy_consumption", "production_kpis");

        assertThat(get("/api/v1/monitoring/status/timescaledb", ANONYMOUS).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/monitoring/status/timescaledb", USER).statusCode()).isEqualTo(200);
        HttpResponse<String> health = get("/api/v1/monitoring/health", ANONYMOUS);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(health.body(), "$.status")).isIn("UP", "DEGRADED", "UNKNOWN");
        assertThat(get("/api/v1/monitoring/nothing-here", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> head = client.send(request("/api/v1/monitoring/health", ADMIN)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    private HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
        return client.send(request(path, credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
