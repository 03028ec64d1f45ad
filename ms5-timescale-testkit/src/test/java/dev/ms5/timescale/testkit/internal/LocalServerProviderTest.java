package dev.ms5.timescale.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServerProviderTest {

    @TempDir
    Path dir;

    @Test
    void saysWhereItLookedWhenNoBinariesExist() {
        LocalServerProvider provider = new LocalServerProvider(FixtureSettings.from(Map.of(), Map.of()),
                List.of(dir.resolve("bin")));

        assertThatThrownBy(() -> provider.provide(ServerRole.PRIMARY))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("no PostgreSQL binaries (initdb, pg_ctl, postgres) found in PATH")
                .extracting(e -> ((ProviderUnavailableException) e).fix()).asString()
                .contains("sudo scripts/install-timescaledb.sh", "MS5_TIMESCALE_PG_BIN");
    }

    @Test
    void namesThePostgresThatLacksTimescale() throws IOException {
        Path bin = fakePostgres();
        LocalServerProvider provider = new LocalServerProvider(FixtureSettings.from(Map.of(), Map.of()),
                List.of(dir.resolve("elsewhere"), bin));

        assertThatThrownBy(provider::findInstallation)
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("PostgreSQL at " + bin + " has no TimescaleDB (no timescaledb.so in "
                        + dir.resolve("lib") + ")");
    }

    @Test
    void takesTheFirstInstallationWithTimescale() throws Exception {
        Path bin = fakePostgres();
        Files.createFile(dir.resolve("lib/timescaledb.so"));
        LocalServerProvider provider = new LocalServerProvider(FixtureSettings.from(Map.of(), Map.of()),
                List.of(dir.resolve("elsewhere"), bin));

        assertThat(provider.findInstallation()).isEqualTo(new PgInstallation(bin, dir.resolve("lib")));
    }

    @Test
    void explicitBinDirectoryReplacesTheSearch() throws IOException {
        Path bin = fakePostgres();
        Files.createFile(dir.resolve("lib/timescaledb.so"));
        Path other = dir.resolve("other/bin");
        LocalServerProvider provider = new LocalServerProvider(
                FixtureSettings.from(Map.of("MS5_TIMESCALE_PG_BIN", other.toString()), Map.of()), List.of(bin));

        assertThatThrownBy(provider::findInstallation)
                .hasMessageContaining("MS5_TIMESCALE_PG_BIN=" + other);
    }

    private Path fakePostgres() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
            Path file = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexit 1\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }
}
