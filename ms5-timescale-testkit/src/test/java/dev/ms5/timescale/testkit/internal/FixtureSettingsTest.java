package dev.ms5.timescale.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixtureSettingsTest {

    @Test
    void readsEnvironmentVariables() {
        FixtureSettings settings = FixtureSettings.from(Map.of(
                "MS5_TIMESCALE_URL", "jdbc:postgresql://db:5432/postgres?user=u",
                "MS5_TIMESCALE_APACHE_URL", "jdbc:postgresql://apache:5432/postgres?user=u",
                "MS5_TIMESCALE_EXTENSION_VERSION", "2.13.1",
                "MS5_TIMESCALE_IMAGE", "timescale/timescaledb:2.13.1-pg15",
                "MS5_TIMESCALE_PG_BIN", "/opt/pg/bin"), Map.of());

        assertThat(settings.url()).contains("jdbc:postgresql://db:5432/postgres?user=u");
        assertThat(settings.apacheUrl()).contains("jdbc:postgresql://apache:5432/postgres?user=u");
        assertThat(settings.extensionVersion()).contains("2.13.1");
        assertThat(settings.image()).isEqualTo("timescale/timescaledb:2.13.1-pg15");
        assertThat(settings.pgBin()).contains(Path.of("/opt/pg/bin"));
    }

    @Test
    void systemPropertyWinsOverEnvironmentVariable() {
        FixtureSettings settings = FixtureSettings.from(
                Map.of("MS5_TIMESCALE_URL", "jdbc:postgresql://env/postgres"),
                Map.of("ms5.timescale.url", "jdbc:postgresql://property/postgres"));

        assertThat(settings.url()).contains("jdbc:postgresql://property/postgres");
    }

    @Test
    void blankValuesCountAsUnset() {
        FixtureSettings settings = FixtureSettings.from(Map.of("MS5_TIMESCALE_URL", "  ",
                "MS5_TIMESCALE_EXTENSION_VERSION", ""), Map.of("ms5.timescale.image", " "));

        assertThat(settings.url()).isEmpty();
        assertThat(settings.extensionVersion()).isEmpty();
        assertThat(settings.image()).isEqualTo(FixtureSettings.DEFAULT_IMAGE);
    }
}
