package dev.ms5.timescale.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.testkit.internal.DockerProbe;
import dev.ms5.timescale.testkit.internal.DockerServerProvider;
import dev.ms5.timescale.testkit.internal.ExternalServerProvider;
import dev.ms5.timescale.testkit.internal.FixtureSettings;
import dev.ms5.timescale.testkit.internal.LocalServerProvider;
import dev.ms5.timescale.testkit.internal.ProviderUnavailableException;
import dev.ms5.timescale.testkit.internal.RunningServer;
import dev.ms5.timescale.testkit.internal.ServerProvider;
import dev.ms5.timescale.testkit.internal.ServerRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedTimescaleTest {

    @TempDir
    Path dir;

    @Test
    void triesProvidersInOrderAndReportsEveryFailureWithItsFix() {
        List<String> calls = new ArrayList<>();
        SharedTimescale shared = new SharedTimescale(FixtureSettings.from(Map.of(), Map.of()), List.of(
                failing("first", "reason one", "fix one", calls),
                failing("second", "reason two", "fix two", calls)));

        assertThatThrownBy(shared::primary)
                .isInstanceOf(NoTimescaleServerException.class)
                .hasMessage("No TimescaleDB server for the tests; the providers were tried in this order:\n"
                        + "  1. first: reason one\n"
                        + "     Fix: fix one\n"
                        + "  2. second: reason two\n"
                        + "     Fix: fix two");
        assertThat(calls).containsExactly("first", "second");
    }

    @Test
    void doesNotRetryTheProvidersAfterTheyAllFailed() {
        List<String> calls = new ArrayList<>();
        SharedTimescale shared = new SharedTimescale(FixtureSettings.from(Map.of(), Map.of()),
                List.of(failing("only", "down", "start it", calls)));

        assertThatThrownBy(shared::primary).isInstanceOf(NoTimescaleServerException.class);
        assertThatThrownBy(shared::primary).isInstanceOf(NoTimescaleServerException.class);
        assertThat(calls).containsExactly("only");
    }

    @Test
    void messageOfTheStandardProvidersNamesEachFix() {
        FixtureSettings settings = FixtureSettings.from(Map.of(), Map.of());
        SharedTimescale shared = new SharedTimescale(settings, List.of(
                new ExternalServerProvider(settings),
                new DockerServerProvider(settings, () -> new DockerProbe(
                        List.of("unix://" + dir.resolve("docker.sock")), Duration.ofSeconds(1))),
                new LocalServerProvider(settings, List.of(dir.resolve("bin")))));

        assertThatThrownBy(shared::primary)
                .isInstanceOf(NoTimescaleServerException.class)
                .satisfies(e -> assertThat(((NoTimescaleServerException) e).attempts())
                        .extracting(NoTimescaleServerException.Attempt::provider)
                        .containsExactly("existing server (MS5_TIMESCALE_URL)",
                                "Docker (Testcontainers, image " + FixtureSettings.DEFAULT_IMAGE + ")",
                                "local PostgreSQL binaries"))
                .hasMessageContaining("1. existing server (MS5_TIMESCALE_URL): MS5_TIMESCALE_URL is not set")
                .hasMessageContaining("Fix: set MS5_TIMESCALE_URL (or -Dms5.timescale.url) to a JDBC URL")
                .hasMessageContaining("2. Docker (Testcontainers, image " + FixtureSettings.DEFAULT_IMAGE
                        + "): no Docker engine answered (unix://" + dir.resolve("docker.sock") + ": no socket file)")
                .hasMessageContaining("Fix: start Docker")
                .hasMessageContaining("3. local PostgreSQL binaries: no PostgreSQL binaries")
                .hasMessageContaining("Fix: install PostgreSQL and TimescaleDB: in this project run sudo"
                        + " scripts/install-timescaledb.sh");
    }

    @Test
    void anUnreachableExistingServerIsRecordedAndTheNextProviderTried() {
        FixtureSettings settings = FixtureSettings.from(
                Map.of("MS5_TIMESCALE_URL", "jdbc:postgresql://127.0.0.1:1/postgres?user=u&password=secret"),
                Map.of());
        List<String> calls = new ArrayList<>();
        SharedTimescale shared = new SharedTimescale(settings, List.of(new ExternalServerProvider(settings),
                failing("next", "also down", "start it", calls)));

        assertThatThrownBy(shared::primary)
                .hasMessageContaining("1. existing server (MS5_TIMESCALE_URL): cannot connect to"
                        + " jdbc:postgresql://127.0.0.1:1/postgres?user=u&password=***")
                .hasMessageContaining("Fix: start that server or correct MS5_TIMESCALE_URL")
                .hasMessageNotContaining("secret");
        assertThat(calls).containsExactly("next");
    }

    private static ServerProvider failing(String name, String reason, String fix, List<String> calls) {
        return new ServerProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RunningServer provide(ServerRole role) throws ProviderUnavailableException {
                calls.add(name);
                throw new ProviderUnavailableException(reason, fix);
            }
        };
    }
}
