package dev.ms5.timescale.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds out, within about a second, whether a Docker engine answers, before Testcontainers is asked (whose own
 * discovery tries several strategies and can take much longer on a machine without Docker).
 *
 * <p>The endpoints tried are those Testcontainers would use: {@code DOCKER_HOST}, {@code docker.host} in
 * {@code ~/.testcontainers.properties}, then the usual socket paths. An endpoint answers when
 * {@code GET /_ping} gets an HTTP reply.
 */
public final class DockerProbe {

    private final List<String> endpoints;
    private final Duration timeout;

    /**
     * Creates a probe of the given endpoints.
     *
     * @param endpoints endpoint URIs, tried in order, such as {@code unix:///var/run/docker.sock}
     * @param timeout   how long the whole probe may take
     */
    public DockerProbe(List<String> endpoints, Duration timeout) {
        this.endpoints = List.copyOf(endpoints);
        this.timeout = timeout;
    }

    /**
     * Creates a probe of this JVM's environment, bounded by one second.
     *
     * @return the probe
     */
    public static DockerProbe ofEnvironment() {
        return new DockerProbe(endpoints(System.getenv(), Path.of(System.getProperty("user.home"))),
                Duration.ofSeconds(1));
    }

    /** What the probe found. */
    public record Result(boolean answered, String endpoint, List<String> tried) {
    }

    /**
     * Tries the endpoints in order until one answers, within the probe's timeout in all.
     *
     * @return the answering endpoint, or {@code answered == false} with what was tried and why it failed
     */
    public Result probe() {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> tried = new ArrayList<>();
        for (String endpoint : endpoints) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                tried.add(endpoint + ": not tried, the probe's " + timeout.toMillis() + " ms were used up");
                continue;
            }
            String failure = ping(endpoint, Duration.ofNanos(left));
            if (failure == null) {
                return new Result(true, endpoint, tried);
            }
            tried.add(endpoint + ": " + failure);
        }
        return new Result(false, null, List.copyOf(tried));
    }

    /**
     * Lists the endpoints to try, configured ones first.
     *
     * @param env  environment variables ({@code DOCKER_HOST}, {@code XDG_RUNTIME_DIR})
     * @param home the user's home directory
     * @return endpoint URIs such as {@code unix:///var/run/docker.sock} or {@code tcp://host:2375}
     */
    public static List<String> endpoints(Map<String, String> env, Path home) {
        Set<String> endpoints = new LinkedHashSet<>();
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            endpoints.add(dockerHost.trim());
        }
        testcontainersProperty(home).ifPresent(endpoints::add);
        endpoints.add("unix:///var/run/docker.sock");
        endpoints.add("unix://" + home.resolve(".docker/run/docker.sock"));
        endpoints.add("unix://" + home.resolve(".docker/desktop/docker.sock"));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            endpoints.add("unix://" + Path.of(runtimeDir, "docker.sock"));
        }
        return List.copyOf(endpoints);
    }

    private static java.util.Optional<String> testcontainersProperty(Path home) {
        Path file = home.resolve(".testcontainers.properties");
        if (!Files.isReadable(file)) {
            return java.util.Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(properties.getProperty("docker.host")).map(String::trim);
    }

    /** Returns null when the endpoint answered, else why not. */
    private static String ping(String endpoint, Duration budget) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            return "not a URI";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        CompletableFuture<String> attempt = CompletableFuture.supplyAsync(() -> switch (scheme) {
            case "unix" -> pingUnix(Path.of(uri.getPath()));
            case "tcp", "http" -> pingTcp(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort(), budget);
            // TLS endpoints and Windows pipes are left to Testcontainers' own checks.
            case "https", "npipe" -> null;
            default -> "unsupported scheme '" + scheme + "'";
        });
        try {
            return attempt.get(budget.toMillis() + 1, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            return "no answer within " + budget.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        }
    }

    private static String pingUnix(Path socket) {
        if (!Files.exists(socket)) {
            return "no socket file";
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(request()));
            ByteBuffer reply = ByteBuffer.allocate(16);
            channel.read(reply);
            return answer(new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String pingTcp(String host, int port, Duration budget) {
        try (Socket socket = new Socket()) {
            int millis = (int) Math.max(1, budget.toMillis());
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(request());
            byte[] reply = socket.getInputStream().readNBytes(16);
            return answer(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static byte[] request() {
        return "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    private static String answer(String reply) {
        return reply.startsWith("HTTP/") ? null : "no HTTP reply";
    }
}
