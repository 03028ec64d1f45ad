package dev.ms5.timescale.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.TimescaleEdition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A class that asks for the Apache edition gets a database on a server in Apache mode. */
@TimescaleTest
@RequiresEdition(TimescaleEdition.APACHE)
class ApacheEditionIT {

    @Test
    void databaseRunsTheApacheEdition(TimescaleDatabase database) throws SQLException {
        assertThat(database.edition()).isEqualTo(TimescaleEdition.APACHE);
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SHOW timescaledb.license")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("apache");
            }
            statement.execute("CREATE TABLE readings (time timestamptz NOT NULL, value float8)");
            statement.execute("SELECT create_hypertable('readings', 'time')");

            assertThatThrownBy(() -> statement.execute("SELECT add_retention_policy('readings', INTERVAL '1 day')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("apache")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
        }
    }
}
