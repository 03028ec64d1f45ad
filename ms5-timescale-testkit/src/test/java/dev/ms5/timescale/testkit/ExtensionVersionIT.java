package dev.ms5.timescale.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.testkit.internal.ExternalServerProvider;
import dev.ms5.timescale.testkit.internal.FixtureSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MS5_TIMESCALE_EXTENSION_VERSION picks the extension version of each database. */
@TimescaleTest
class ExtensionVersionIT {

    @Test
    void createsTheRequestedVersion(TimescaleDatabase database) throws SQLException {
        String oldest = availableVersions(database).get(0);
        SharedTimescale pinned = sharedOn(database, oldest);

        try (TimescaleDatabase created = pinned.primary().createDatabase("pinned")) {
            assertThat(created.timescaleVersion()).isEqualTo(oldest);
        }
    }

    @Test
    void aVersionTheServerLacksFailsListingTheVersionsItHas(TimescaleDatabase database) throws SQLException {
        List<String> versions = availableVersions(database);
        SharedTimescale pinned = sharedOn(database, "1.7.5");

        assertThatThrownBy(pinned::primary)
                .isInstanceOf(NoTimescaleServerException.class)
                .hasMessageContaining("MS5_TIMESCALE_EXTENSION_VERSION=1.7.5 is not a timescaledb version this server"
                        + " has; it has " + String.join(", ", versions));
    }

    private static SharedTimescale sharedOn(TimescaleDatabase database, String version) {
        FixtureSettings settings = FixtureSettings.from(Map.of(), Map.of(
                "ms5.timescale.url", database.server().adminUrl(),
                "ms5.timescale.extension-version", version));
        return new SharedTimescale(settings, List.of(new ExternalServerProvider(settings)));
    }

    private static List<String> availableVersions(TimescaleDatabase database) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM pg_available_extension_versions"
                     + " WHERE name = 'timescaledb' ORDER BY string_to_array("
                     + "regexp_replace(version, '[^0-9.].*$', ''), '.')::int[]")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
