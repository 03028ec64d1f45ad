package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.spring.boot.autoconfigure.TimescaleAutoConfiguration;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention enforced by the starter on a schedule (ms5.timescale.retention.enforce-every): the chunks past the
 * declared retention are dropped once the context has started. The table's own retention job, where the edition
 * has jobs, is declared paused, so that only the starter drops them.
 */
@TimescaleTest
class RetentionIT {

    @Test
    void chunksPastTheRetentionAreDroppedAfterStartup(TimescaleDatabase database) {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        jdbc.execute("CREATE TABLE readings (ts timestamptz NOT NULL, value double precision)");
        jdbc.execute("INSERT INTO readings VALUES (now() - interval '100 days', 1), (now() - interval '1 hour', 2)");
        PolicySpec readings = PolicySpec.builder("readings", "ts").chunkInterval(Duration.ofDays(1))
                .retention(new PolicySpec.Retention(Duration.ofDays(30), Optional.empty(), true))
                .migrateData(true).build();

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        TimescaleAutoConfiguration.class))
                .withBean("readings", PolicySpec.class, () -> readings)
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                        "ms5.timescale.retention.enforce-every=1h")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(jdbc.queryForList("SELECT value FROM readings", Double.class))
                                    .containsExactly(2.0));
                });
    }
}
