package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.ExtensionMissingException;
import dev.ms5.timescale.Intervals;
import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a host sees at first contact when something is wrong before any table: a type of its own per cause,
 * with the fix; and bad arguments get the library's own exception, naming the value and an example.
 */
@TimescaleTest
class FirstContactIT {

    private static final List<PolicySpec> SPECS = List.of(PolicySpec.builder("first", "ts").build());

    @Test
    void anUnreachableServerIsNamedAsSuchAndReportedPerTableWhenAsked() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        DataSource nowhere = dataSource("jdbc:postgresql://127.0.0.1:" + port + "/db?user=u&password=secret"
                + "&connectTimeout=2");

        assertThatThrownBy(() -> TimescaleAdmin.create(nowhere).applyPolicies(SPECS))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("Cannot reach the database to read its TimescaleDB version and edition:"
                        + " Connection to 127.0.0.1:" + port + " refused")
                .hasMessageContaining("(SQLState 08001)")
                .hasMessageEndingWith("Fix: check that the server is up and that the DataSource's URL, user and"
                        + " password are right")
                .hasMessageNotContaining("secret");
        ApplyReport report = TimescaleAdmin.create(nowhere, AdminOptions.defaults().failOnError(false))
                .applyPolicies(SPECS);
        assertThat(report.tables().get(0).failure()).get().extracting(TableFailure::kind, TableFailure::sqlState)
                .containsExactly(TableFailure.Kind.DATABASE_UNAVAILABLE, "08001");
        assertThat(TimescaleAdmin.create(nowhere).health().status().name()).isEqualTo("DOWN");
    }

    @Test
    void aDatabaseWithoutTheExtensionSaysHowToCreateIt(TimescaleDatabase database) throws Exception {
        String name = database.name() + "_plain";
        try (Connection admin = DriverManager.getConnection(database.server().adminUrl());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        try {
            DataSource plain = dataSource(database.jdbcUrl().replace("/" + database.name(), "/" + name));

            assertThatThrownBy(() -> TimescaleAdmin.create(plain).applyPolicies(SPECS))
                    .isInstanceOf(ExtensionMissingException.class)
                    .hasMessage("The timescaledb extension is not installed in database " + name + ". Fix: CREATE"
                            + " EXTENSION timescaledb; (the server needs shared_preload_libraries = 'timescaledb')");
            assertThatThrownBy(() -> TimescaleAdmin.create(plain).plan(SPECS))
                    .isInstanceOf(ExtensionMissingException.class);
        } finally {
            try (Connection admin = DriverManager.getConnection(database.server().adminUrl());
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void badArgumentsGetTheLibrarysOwnExceptionWithAnExample(DataSource dataSource) {
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
        Instant now = Instant.now();

        assertThatThrownBy(() -> admin.compressChunks("first", Duration.ZERO))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("olderThan must be a positive duration, was PT0S; e.g. Duration.ofDays(7)");
        assertThatThrownBy(() -> admin.dropChunks("first", Duration.ofDays(-1)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> admin.decompressChunks("first", now, now))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("must be before to").hasMessageContaining("e.g.");
        assertThatThrownBy(() -> admin.decompressChunks("first", null, now))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("needs both ends of the range");
        assertThatThrownBy(() -> Intervals.parse("seven days"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'7 days'");
        assertThatThrownBy(() -> AdminOptions.defaults().lockTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("lockTimeout").hasMessageContaining("Duration.ofSeconds(5)");
    }

    private static DataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }
}
