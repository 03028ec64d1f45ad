package dev.ms5.timescale.jdbc.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.jdbc.fakes.FakeAdmin;
import dev.ms5.timescale.monitoring.AccessPolicy;
import dev.ms5.timescale.monitoring.AuditRecord;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints on the JDK's HTTP server, over real HTTP, and a close that gives back the port and the threads. */
class JdkServerTest {

    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> headersSeen = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private MonitoringServer server;

    @BeforeEach
    void serve() {
        MonitoringOptions options = MonitoringOptions.defaults().access(AccessPolicy.byRole("admin"))
                .audit(audit::add).callers(headers -> {
                    headersSeen.add(headers);
                    return headers.getOrDefault("authorization", List.of()).contains("Bearer t0ken")
                            ? Caller.of("alice", "admin") : Caller.anonymous();
                });
        server = new MonitoringHandler(new FakeAdmin(), options)
                .serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void answersWithStatusTypeHeadersAndBody() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/api/v1/monitoring/health")).build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
        assertThat(health.headers().firstValue("cache-control")).contains("no-store");
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void resolvesTheCallerFromHeadersWithLowerCaseNames() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/v1/monitoring/configuration")).build());
        HttpResponse<String> admin = send(HttpRequest.newBuilder(uri("/api/v1/monitoring/configuration"))
                .header("Authorization", "Bearer t0ken").header("X-Trace", "1").build());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("www-authenticate")).contains("Bearer");
        assertThat(anonymous.headers().firstValue("content-type")).contains("application/problem+json; charset=utf-8");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"database\":\"jdbc:postgresql://db:5432/ms5?user=app&password=****\"");
        assertThat(headersSeen.get(1)).containsEntry("authorization", List.of("Bearer t0ken"))
                .containsEntry("x-trace", List.of("1"));
        assertThat(headersSeen.get(1).keySet()).allMatch(name -> name.equals(name.toLowerCase(java.util.Locale.ROOT)));
        assertThat(audit).extracting(AuditRecord::caller).containsExactly(Optional.empty(), Optional.of("alice"));
    }

    @Test
    void passesTheRawQueryAndPath() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/api/v1/monitoring/metrics/chunks"
                + "?table_name=public.%22metric_hist%22&limit=1")).header("Authorization", "Bearer t0ken").build());
        HttpResponse<String> encodedPath = send(HttpRequest.newBuilder(uri("/api/v1/monitoring/%68ealth")).build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"table\":\"public.metric_hist\",\"total\":2160,\"limit\":1");
        assertThat(encodedPath.statusCode()).isEqualTo(404);
    }

    @Test
    void headHasNoBodyAndOtherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/api/v1/monitoring/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/api/v1/monitoring/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"ignored\":true}")).build());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).contains("GET, HEAD");
        assertThat(post.body()).contains("\"type\":\"https://ms5.dev/problems/method-not-allowed\"");
    }

    @Test
    void closeReleasesThePortAndThePool() throws Exception {
        send(HttpRequest.newBuilder(uri("/api/v1/monitoring/health")).build());
        assertThat(poolThreads()).isNotEmpty();
        int port = server.address().getPort();

        server.close();

        // The pool has terminated; its threads take a moment more to end (the bound only guards against a hang).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!poolThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(poolThreads()).isEmpty();
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aCallerResolverThatAnswersNullGets500AndTheRequestIsAudited() throws Exception {
        MonitoringOptions options = MonitoringOptions.defaults().audit(audit::add).callers(headers -> null);
        try (MonitoringServer broken = new MonitoringHandler(new FakeAdmin(), options)
                .serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://"
                    + broken.address().getHostString() + ":" + broken.address().getPort()
                    + "/api/v1/monitoring/health")).build());

            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(audit).extracting(AuditRecord::status).containsExactly(500);
        }
    }

    @Test
    void noAddressIsRefusedWithTheFix() {
        MonitoringHandler handler = new MonitoringHandler(new FakeAdmin(), MonitoringOptions.defaults());

        assertThatThrownBy(() -> handler.serve(null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Fix: pass one");
    }

    private static List<String> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(JdkServer.THREAD_PREFIX)).toList();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://" + server.address().getHostString() + ":" + server.address().getPort()
                + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
