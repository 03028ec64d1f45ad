package dev.ms5.timescale.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL server: {@code initdb} into a temporary directory, started as a child process on a
 * free loopback port with TimescaleDB preloaded and durability off, stopped and removed by {@link #close()}.
 *
 * <p>The postmaster is a child of this JVM (not daemonized by {@code pg_ctl start}), so that its exit is reaped
 * even where the machine's init process does not reap orphans. A watchdog process waits on a pipe from this
 * JVM; the pipe closes when the JVM ends in any way, killed or crashed included, and the watchdog then stops the
 * server and removes the directory, so nothing is left behind after a failed run either.
 */
public final class LocalPostgres implements RunningServer {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String WATCHDOG = "dir=$1; shift; read -r line; \"$@\" >/dev/null 2>&1; rm -rf \"$dir\"";

    private final PgInstallation installation;
    private final OsUser user;
    private final Path baseDir;
    private final int port;
    private final boolean apache;
    private final String password;
    private final Process postmaster;
    private Process watchdog;
    private boolean closed;

    private LocalPostgres(PgInstallation installation, OsUser user, Path baseDir, int port, boolean apache,
                          String password, Process postmaster) {
        this.installation = installation;
        this.user = user;
        this.baseDir = baseDir;
        this.port = port;
        this.apache = apache;
        this.password = password;
        this.postmaster = postmaster;
    }

    /**
     * Creates, starts and returns a server.
     *
     * @param installation the binaries
     * @param user         the OS user the server runs as
     * @param apache       whether to start it with {@code timescaledb.license=apache}
     * @return the running server
     * @throws IOException when a step fails; the message names the step and quotes its output
     */
    public static LocalPostgres start(PgInstallation installation, OsUser user, boolean apache) throws IOException {
        long started = System.nanoTime();
        Path base = Files.createTempDirectory("ms5-timescale-");
        LocalPostgres server = null;
        try {
            user.own(base);
            Path data = base.resolve("data");
            // Loopback connections need the password, so other users of the machine cannot use the server.
            String password = randomPassword();
            Path passwordFile = Files.writeString(base.resolve("password"), password + "\n");
            user.own(passwordFile);
            run(user, installation, base.resolve("initdb.log"), "initdb", "-D", data.toString(), "-U", "postgres",
                    "--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            Files.delete(passwordFile);
            Files.writeString(data.resolve("postgresql.conf"), settings(base, apache), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            server = startOnFreePort(installation, user, base, apache, password);
            server.watchdog = server.startWatchdog();
            LOG.info("{}: started in {} ms ({})", server.description(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    apache ? "timescaledb.license=apache" : "installed edition");
            return server;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            } else {
                deleteTree(base);
            }
            throw e;
        }
    }

    /**
     * Starts a hot standby of this server: a copy made by {@code pg_basebackup -R} (streaming replication from
     * this server), started on a free port, read-only ({@code pg_is_in_recovery()} is true). It has its own
     * directory and is stopped and removed by {@link #close()}, like this server.
     *
     * @return the running standby
     * @throws IOException when a step fails; the message names the step and quotes its output
     */
    public LocalPostgres startStandby() throws IOException {
        Path base = Files.createTempDirectory("ms5-timescale-standby-");
        LocalPostgres standby = null;
        try {
            user.own(base);
            run(user, installation, base.resolve("pg_basebackup.log"), "pg_basebackup", "-D",
                    base.resolve("data").toString(), "-R", "-X", "stream", "-h", baseDir.toString(), "-p",
                    Integer.toString(port), "-U", "postgres");
            // The copy's configuration points at the primary's socket directory; later lines win.
            Files.writeString(base.resolve("data/postgresql.conf"), "\nunix_socket_directories = '" + base + "'\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            standby = startOnFreePort(installation, user, base, apache, password);
            standby.watchdog = standby.startWatchdog();
            LOG.info("{}: standby of {} started", standby.description(), description());
            return standby;
        } catch (IOException | RuntimeException e) {
            if (standby != null) {
                standby.close();
            } else {
                deleteTree(base);
            }
            throw e;
        }
    }

    private static LocalPostgres startOnFreePort(PgInstallation installation, OsUser user, Path base, boolean apache,
                                                 String password) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = base.resolve("server.log");
            Process postmaster = new ProcessBuilder(user.command(List.of(
                    installation.binDir().resolve("postgres").toString(), "-D", base.resolve("data").toString(),
                    "-p", Integer.toString(port))))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            try {
                awaitReady(postmaster, base.resolve("data/postmaster.pid"), log);
                return new LocalPostgres(installation, user, base, port, apache, password, postmaster);
            } catch (IOException e) {
                if (postmaster.isAlive()) {
                    // Started but not ready in time: stop the real postmaster (under runuser it is a grandchild).
                    stopQuietly(user, installation, base);
                    awaitExit(postmaster);
                    throw e;
                }
                // It exited: another process may have taken the port between our probe and the server's bind.
                last = e;
            }
        }
        throw last;
    }

    /** Waits for the pid file's status line to say "ready", as {@code pg_ctl -w} does. */
    private static void awaitReady(Process postmaster, Path pidFile, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IOException("postgres exited with code " + postmaster.exitValue() + ":\n" + tail(log));
            }
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.size() > 7 && lines.get(7).trim().equals("ready")) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for postgres to start", e);
            }
        }
        throw new IOException("postgres was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + tail(log));
    }

    private static String settings(Path base, boolean apache) {
        String lines = """

                # ms5-timescale testkit: a throwaway server, durability off for speed.
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '%s'
                shared_preload_libraries = 'timescaledb'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 200
                max_worker_processes = 48
                timescaledb.max_background_workers = 32
                """.formatted(base);
        return apache ? lines + "timescaledb.license = 'apache'\n" : lines;
    }

    @Override
    public String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&password=" + password;
    }

    @Override
    public String description() {
        return "local PostgreSQL " + installation.binDir() + " on 127.0.0.1:" + port + (apache ? " (apache)" : "");
    }

    /**
     * Returns the directory holding the server's data and logs, removed on close.
     *
     * @return the temporary directory
     */
    public Path baseDir() {
        return baseDir;
    }

    /**
     * Returns the process id of the postmaster, from its pid file.
     *
     * @return the pid, or empty when the server is not running
     */
    public OptionalLong postmasterPid() {
        Path pidFile = baseDir.resolve("data/postmaster.pid");
        try {
            return OptionalLong.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Returns the OS user the server runs as.
     *
     * @return e.g. {@code postgres}
     */
    public OsUser user() {
        return user;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(user, installation, baseDir);
        awaitExit(postmaster);
        deleteTree(baseDir);
        if (watchdog != null) {
            closeQuietly(watchdog);
            awaitExit(watchdog);
        }
        LOG.info("{}: stopped and removed", description());
    }

    private Process startWatchdog() throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "ms5-timescale-watchdog",
                baseDir.toString()));
        command.addAll(user.command(List.of(installation.binDir().resolve("pg_ctl").toString(), "-D",
                baseDir.resolve("data").toString(), "-m", "immediate", "stop")));
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
    }

    private static void stopQuietly(OsUser user, PgInstallation installation, Path base) {
        try {
            run(user, installation, base.resolve("pg_ctl-stop.log"), "pg_ctl", "-D", base.resolve("data").toString(),
                    "-m", "immediate", "-w", "-t", "60", "stop");
        } catch (IOException e) {
            LOG.warn("{}: could not stop a server that did not become ready: {}", base, e.getMessage());
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroy();
        }
    }

    private static void awaitExit(Process process) {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void run(OsUser user, PgInstallation installation, Path log, String tool, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(installation.binDir().resolve(tool).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(user.command(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(tool + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(tool + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(tool + " failed with exit code " + process.exitValue() + ":\n" + tail(log));
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("{}: could not remove: {}", root, e.getMessage());
        }
    }
}
