package dev.ms5.timescale.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local provider: starts, serves, stops, and leaves no process or directory behind. */
class LocalServerIT {

    private static PgInstallation installation;

    @BeforeAll
    static void findBinaries() {
        try {
            installation = new LocalServerProvider(FixtureSettings.fromEnvironment()).findInstallation();
        } catch (ProviderUnavailableException e) {
            Assumptions.abort("Needs local PostgreSQL binaries with TimescaleDB (this run may use"
                    + " MS5_TIMESCALE_URL instead): " + e.getMessage());
        }
    }

    @Test
    void startsServesAndStopsLeavingNothingBehind() throws Exception {
        LocalPostgres server = LocalPostgres.start(installation, OsUser.forServer(), false);
        Path base = server.baseDir();
        ProcessHandle postmaster = ProcessHandle.of(server.postmasterPid().orElseThrow()).orElseThrow();

        try (Connection connection = DriverManager.getConnection(server.adminUrl());
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SHOW shared_preload_libraries")).contains("timescaledb");
            assertThat(single(statement, "SHOW fsync")).isEqualTo("off");
            assertThat(single(statement, "SELECT host(inet_server_addr())")).isEqualTo("127.0.0.1");
            statement.execute("CREATE EXTENSION timescaledb");
            assertThat(single(statement, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"))
                    .isNotBlank();
        }
        assertThat(postmaster.info().user()).contains(OsUser.isRoot() ? "postgres" : System.getProperty("user.name"));

        server.close();

        postmaster.onExit().get(30, TimeUnit.SECONDS);
        assertThat(postmaster.isAlive()).isFalse();
        assertThat(base).doesNotExist();
        assertThat(processesMentioning(base)).isEmpty();
    }

    @Test
    void refusesConnectionsWithoutThePassword() throws Exception {
        try (LocalPostgres server = LocalPostgres.start(installation, OsUser.forServer(), false)) {
            String withoutPassword = server.adminUrl().replaceAll("&password=[^&]*", "");

            assertThatThrownBy(() -> DriverManager.getConnection(withoutPassword).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
        }
    }

    @Test
    void apacheModeServerRunsTheApacheEdition() throws Exception {
        try (LocalPostgres server = LocalPostgres.start(installation, OsUser.forServer(), true);
             Connection connection = DriverManager.getConnection(server.adminUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION timescaledb");
            statement.execute("CREATE TABLE t (time timestamptz NOT NULL)");
            statement.execute("SELECT create_hypertable('t', 'time')");

            assertThat(single(statement, "SHOW timescaledb.license")).isEqualTo("apache");
            assertThatThrownBy(() -> statement.execute("SELECT add_retention_policy('t', INTERVAL '1 day')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("apache")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
        }
    }

    @Test
    void aKilledJvmLeavesNoServerAndNoDirectoryBehind() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LocalServerChild.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String[] ready;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the child's report").startsWith("READY ");
            ready = line.split(" ");
        }
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(ready[1])).orElseThrow();
        Path base = Path.of(ready[2]);
        assertThat(base).exists();

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        postmaster.onExit().get(60, TimeUnit.SECONDS);
        awaitGone(base, Duration.ofSeconds(30));
        assertThat(base).doesNotExist();
        assertThat(processesMentioning(base)).isEmpty();
    }

    @Test
    void rootRunsTheServerAsThePostgresUser() throws Exception {
        Assumptions.assumeTrue(OsUser.isRoot(), "the JVM does not run as root here");

        OsUser user = OsUser.forServer();

        assertThat(user.name()).isEqualTo("postgres");
        assertThat(user.command(List.of("initdb", "-D", "x")))
                .endsWith("-u", "postgres", "--", "initdb", "-D", "x")
                .first().asString().endsWith("runuser");
    }

    private static void awaitGone(Path path, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (Files.exists(path) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static List<ProcessHandle> processesMentioning(Path base) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(base.toString())).orElse(false))
                .toList();
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Started in a child JVM: starts a server, reports it, and waits to be killed. */
    static final class LocalServerChild {
        public static void main(String[] args) throws Exception {
            PgInstallation found = new LocalServerProvider(FixtureSettings.from(System.getenv(), Map.of()))
                    .findInstallation();
            LocalPostgres server = LocalPostgres.start(found, OsUser.forServer(), false);
            System.out.println("READY " + server.postmasterPid().orElseThrow() + " " + server.baseDir());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
