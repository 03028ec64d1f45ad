package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.monitoring.AccessLevel;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringServer;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * {@code scripts/demo.sh serve}: the eight monitoring endpoints on 127.0.0.1 through the JDK's built-in server,
 * with bearer tokens from {@code MS5_MONITORING_TOKENS} ({@code token=role[+role],token=role}, roles
 * {@code authenticated} and {@code admin}), until SIGINT or SIGTERM.
 */
final class DemoServer {

    private static final PrintStream OUT = System.out;
    private static final Set<String> ROLES = Set.of("authenticated", "admin");

    private DemoServer() {
    }

    /**
     * Parses {@code MS5_MONITORING_TOKENS}.
     *
     * @param value e.g. {@code s3cret=admin,dash=authenticated}
     * @return the roles of each token
     * @throws IllegalArgumentException naming what is wrong, without the tokens
     */
    static Map<String, Set<String>> tokens(String value) {
        Map<String, Set<String>> tokens = new LinkedHashMap<>();
        int index = 0;
        for (String entry : value.split(",")) {
            index++;
            String[] parts = entry.strip().split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("MS5_MONITORING_TOKENS: entry " + index + " is not token=role;"
                        + " e.g. MS5_MONITORING_TOKENS=s3cret=admin,dash=authenticated");
            }
            Set<String> roles = Set.of(parts[1].strip().split("\\+"));
            if (!ROLES.containsAll(roles)) {
                throw new IllegalArgumentException("MS5_MONITORING_TOKENS: entry " + index + " names roles " + roles
                        + "; the roles are authenticated and admin, e.g. s3cret=admin,dash=authenticated");
            }
            tokens.put(parts[0].strip(), roles);
        }
        return tokens;
    }

    static void serve(DataSource dataSource, List<PolicySpec> specs, TimescaleSettings settings,
                      Optional<String> jdbcUrl) throws InterruptedException {
        String configured = System.getenv("MS5_MONITORING_TOKENS");
        Map<String, Set<String>> tokens;
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            tokens = Map.of(token, Set.of("admin"));
            OUT.println("\nNo MS5_MONITORING_TOKENS: a generated admin token for this run: " + token);
        } else {
            tokens = tokens(configured);
        }
        int port = Integer.parseInt(Optional.ofNullable(System.getenv("MS5_MONITORING_PORT")).orElse("0").strip());
        MonitoringOptions options = MonitoringOptions.defaults()
                .callers(headers -> headers.getOrDefault("authorization", List.of()).stream()
                        .filter(h -> h.startsWith("Bearer ")).map(h -> h.substring(7).strip())
                        .filter(tokens::containsKey).findFirst()
                        .map(t -> new Caller(Optional.of("token " + (List.copyOf(tokens.keySet()).indexOf(t) + 1)),
                                tokens.get(t)))
                        .orElse(Caller.anonymous()))
                .access(caller -> caller.roles().contains("admin") ? AccessLevel.ADMIN
                        : caller.roles().contains("authenticated") ? AccessLevel.AUTHENTICATED : AccessLevel.PUBLIC)
                .specs(specs).settings(settings);
        if (jdbcUrl.isPresent()) {
            options = options.jdbcUrl(jdbcUrl.get());
        }
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false));
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                // Let the main thread close the server and drop a temporary database before the JVM ends.
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ms5-demo-shutdown"));
        try (MonitoringServer server = admin.monitoring(options).serve(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            String base = "http://127.0.0.1:" + server.address().getPort() + "/api/v1/monitoring";
            String token = tokens.entrySet().stream().filter(e -> e.getValue().contains("admin")).map(Map.Entry::getKey)
                    .findFirst().orElse("<token>");
            OUT.println("\nlistening on http://127.0.0.1:" + server.address().getPort());
            OUT.println("  curl " + base + "/health");
            OUT.println("  curl -H 'Authorization: Bearer " + token + "' " + base + "/health/timescaledb");
            OUT.println("  curl -H 'Authorization: Bearer " + token + "' '" + base
                    + "/metrics/chunks?table_name=metric_hist&limit=10'");
            OUT.println("  curl " + base + "/openapi.json");
            OUT.println("Stop with Ctrl-C (SIGINT) or SIGTERM.");
            OUT.flush();
            stop.await();
            OUT.println("stopping");
        } finally {
            stopped.countDown();
        }
    }
}
