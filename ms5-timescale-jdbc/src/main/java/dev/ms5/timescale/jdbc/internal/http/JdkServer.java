package dev.ms5.timescale.jdbc.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.monitoring.CallerResolver;
import dev.ms5.timescale.monitoring.MonitoringRequest;
import dev.ms5.timescale.monitoring.MonitoringResponse;
import dev.ms5.timescale.monitoring.MonitoringServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints on the JDK's built-in HTTP server, with a small bounded pool: monitoring answers come from a cache
 * or from reads bounded by the admin's timeouts, so two threads suffice, and a burst waits in a short queue (then
 * runs on the server's dispatcher thread, which slows accepting instead of dropping connections).
 */
final class JdkServer implements MonitoringServer {

    /** The prefix of the pool's thread names. */
    static final String THREAD_PREFIX = "ms5-monitoring-http-";

    private static final Logger LOG = LoggerFactory.getLogger(JdkServer.class);
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final int THREADS = 2;
    private static final int QUEUE = 64;

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdkServer(HttpServer server, ThreadPoolExecutor pool) {
        this.server = server;
        this.pool = pool;
        this.address = server.getAddress();
    }

    static JdkServer start(MonitoringHandler endpoints, CallerResolver callers, InetSocketAddress address) {
        long started = System.nanoTime();
        if (address == null) {
            throw new InvalidArgumentException("The monitoring server needs an address to listen on. Fix: pass one,"
                    + " e.g. new InetSocketAddress(InetAddress.getLoopbackAddress(), 0) for any free loopback port");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + address + " for the monitoring endpoints: "
                    + e.getMessage() + ". Fix: choose a free port, or port 0 for any", e);
        }
        ThreadPoolExecutor pool = pool();
        try {
            server.setExecutor(pool);
            server.createContext("/", exchange -> exchange(exchange, endpoints, callers));
            server.start();
        } catch (RuntimeException | Error e) {
            // The port is bound already: release it, and the threads.
            server.stop(0);
            pool.shutdownNow();
            throw e;
        }
        JdkServer running = new JdkServer(server, pool);
        LOG.info("monitoring: serving on http://{}:{}{} (started in {} ms)", running.address.getHostString(),
                running.address.getPort(), Route.BASE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return running;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // stop(1) waits at most a second for exchanges under way, and returns at once when there are none.
        server.stop(1);
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warn("monitoring: http://{}:{}: a request thread did not stop within a second",
                        address.getHostString(), address.getPort());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("monitoring: http://{}:{} stopped", address.getHostString(), address.getPort());
    }

    private static ThreadPoolExecutor pool() {
        String prefix = THREAD_PREFIX + SERVERS.incrementAndGet() + "-";
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), task -> {
                    Thread thread = new Thread(task, prefix + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void exchange(HttpExchange exchange, MonitoringHandler endpoints, CallerResolver callers)
            throws IOException {
        try {
            send(exchange, respond(exchange, endpoints, callers));
        } finally {
            exchange.close();
        }
    }

    private static MonitoringResponse respond(HttpExchange exchange, MonitoringHandler endpoints,
                                              CallerResolver callers) {
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Caller caller;
        try {
            caller = callers.resolve(headers(exchange));
            if (caller == null) {
                throw new IllegalStateException("the CallerResolver returned null; it should return"
                        + " Caller.anonymous() for an unknown caller");
            }
        } catch (RuntimeException e) {
            return endpoints.unresolved(method, path, e);
        }
        return endpoints.handle(new MonitoringRequest(method, path, uri.getRawQuery(), caller));
    }

    /** The request's headers with lower-case names, as {@link CallerResolver} promises. */
    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }

    private static void send(HttpExchange exchange, MonitoringResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", response.contentType() + "; charset=utf-8");
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
