package dev.ms5.timescale.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerProbeTest {

    @TempDir
    Path home;

    @Test
    void triesConfiguredEndpointsBeforeTheUsualSockets() throws IOException {
        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=tcp://tc-config:2375\n");

        List<String> endpoints = DockerProbe.endpoints(Map.of("DOCKER_HOST", "tcp://from-env:2375",
                "XDG_RUNTIME_DIR", "/run/user/1000"), home);

        assertThat(endpoints).containsExactly("tcp://from-env:2375", "tcp://tc-config:2375",
                "unix:///var/run/docker.sock", "unix://" + home.resolve(".docker/run/docker.sock"),
                "unix://" + home.resolve(".docker/desktop/docker.sock"), "unix:///run/user/1000/docker.sock");
    }

    @Test
    void reportsEachMissingSocket() {
        DockerProbe probe = new DockerProbe(List.of("unix://" + home.resolve("a.sock"),
                "unix://" + home.resolve("b.sock")), Duration.ofSeconds(1));

        DockerProbe.Result result = probe.probe();

        assertThat(result.answered()).isFalse();
        assertThat(result.tried()).containsExactly("unix://" + home.resolve("a.sock") + ": no socket file",
                "unix://" + home.resolve("b.sock") + ": no socket file");
    }

    @Test
    void findsAnEngineThatAnswersThePing() throws Exception {
        Path socket = home.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread engine = new Thread(() -> answerOnce(server));
            engine.start();

            DockerProbe.Result result = new DockerProbe(List.of("unix://" + home.resolve("none.sock"),
                    "unix://" + socket), Duration.ofSeconds(5)).probe();

            engine.join();
            assertThat(result.answered()).isTrue();
            assertThat(result.endpoint()).isEqualTo("unix://" + socket);
        }
    }

    @Test
    void givesUpOnAnEndpointThatAcceptsButNeverAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String endpoint = "tcp://127.0.0.1:" + silent.getLocalPort();
            long start = System.nanoTime();

            DockerProbe.Result result = new DockerProbe(List.of(endpoint), Duration.ofMillis(300)).probe();

            // The probe is bounded by its budget; a generous margin keeps this stable on a loaded machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(result.answered()).isFalse();
            assertThat(result.tried()).singleElement().asString().startsWith(endpoint + ": ");
        }
    }

    @Test
    void doesNotTakeAConnectionThatSpeaksAnotherProtocolForDocker() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket client = other.accept(); OutputStream out = client.getOutputStream()) {
                    out.write("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // The probe may have closed first.
                }
            });
            server.start();

            DockerProbe.Result result = new DockerProbe(List.of("tcp://127.0.0.1:" + other.getLocalPort()),
                    Duration.ofSeconds(5)).probe();

            assertThat(result.answered()).isFalse();
            assertThat(result.tried()).singleElement().asString().endsWith("no HTTP reply");
        }
    }

    private static void answerOnce(ServerSocketChannel server) {
        try (SocketChannel client = server.accept()) {
            client.read(ByteBuffer.allocate(256));
            client.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
