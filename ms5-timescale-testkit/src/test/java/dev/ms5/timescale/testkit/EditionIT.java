package dev.ms5.timescale.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.TimescaleEdition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The handle tells what the server really runs. */
@TimescaleTest
class EditionIT {

    @Test
    void handleTellsTheVersionsEditionAndUrlOfTheDatabase(TimescaleDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('server_version'),"
                     + " (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'),"
                     + " current_setting('timescaledb.license'), current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith(database.postgresVersion());
            assertThat(database.timescaleVersion()).isEqualTo(rs.getString(2));
            assertThat(database.edition()).isEqualTo(TimescaleEdition.fromLicense(rs.getString(3)));
            assertThat(database.name()).isEqualTo(rs.getString(4));
            assertThat(database.jdbcUrl()).contains("/" + rs.getString(4));
        }
    }

    @Test
    @RequiresEdition(TimescaleEdition.TIMESCALE)
    void fullEditionHasCompressionAndPolicies(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE readings (time timestamptz NOT NULL, device int, value float8)");
            statement.execute("SELECT create_hypertable('readings', 'time')");
            statement.execute("ALTER TABLE readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'device')");
            try (ResultSet rs = statement.executeQuery(
                    "SELECT add_compression_policy('readings', INTERVAL '7 days')")) {
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
            }
        }
    }
}
