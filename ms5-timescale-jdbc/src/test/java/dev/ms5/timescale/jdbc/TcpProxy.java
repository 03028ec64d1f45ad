package dev.ms5.timescale.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the library and the test server, to break the network the way real networks break: a
 * connection that stops forwarding (a cut cable: the client waits until its socket timeout), one severed right
 * after a message reached the server (a COMMIT in flight), and a server that refuses new connections (down for
 * a restart). It looks for a trigger in what the client sends, so a test can break a connection at a chosen
 * statement.
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger triggered = new AtomicInteger();
    private volatile byte[] blackholeOn;
    private volatile byte[] severAfter;
    private volatile boolean refusing;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "tcp-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /**
     * Starts a proxy to the server of a JDBC URL.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/db?user=...}
     * @return the proxy
     */
    static TcpProxy to(String jdbcUrl) throws IOException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new TcpProxy(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    /** The same URL, through this proxy, with extra parameters appended (e.g. {@code socketTimeout=5}). */
    String url(String jdbcUrl, String extraParameters) {
        String through = jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + listener.getLocalPort() + "/");
        if (extraParameters.isEmpty()) {
            return through;
        }
        return through + (through.contains("?") ? "&" : "?") + extraParameters;
    }

    /** From now on, the first client message containing {@code text} is dropped and its connection goes silent. */
    void blackholeOn(String text) {
        blackholeOn = text.getBytes(StandardCharsets.UTF_8);
    }

    /** From now on, the first client message containing {@code text} reaches the server; then both ends close. */
    void severAfter(String text) {
        severAfter = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether new connections are refused (closed as soon as accepted). */
    void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** How many times a trigger fired. */
    int triggered() {
        return triggered.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                Link link = new Link(client, server);
                start(() -> link.pump(client, server, true), "tcp-proxy-up");
                start(() -> link.pump(server, client, false), "tcp-proxy-down");
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** One proxied connection. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean silent;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to, boolean upstream) {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (upstream && !silent && fire(buffer, n, blackholeOn)) {
                        blackholeOn = null;
                        silent = true;
                    }
                    if (silent) {
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (upstream && fire(buffer, n, severAfter)) {
                        severAfter = null;
                        client.close();
                        server.close();
                        return;
                    }
                }
            } catch (IOException e) {
                // The other side closed; close this one too, unless the link plays dead.
            }
            if (!silent) {
                closeQuietly(client);
                closeQuietly(server);
            }
        }

        private boolean fire(byte[] buffer, int length, byte[] trigger) {
            if (trigger == null || !contains(buffer, length, trigger)) {
                return false;
            }
            triggered.incrementAndGet();
            return true;
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(TcpProxy::closeQuietly);
    }
}
