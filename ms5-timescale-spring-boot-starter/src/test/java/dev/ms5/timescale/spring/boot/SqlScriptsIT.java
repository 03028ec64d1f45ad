package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.spring.boot.autoconfigure.TimescaleAutoConfiguration;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Without Flyway, tables created by Spring Boot's SQL scripts (spring.sql.init) come first too: the starter's
 * initializer is ordered after every database initializer Spring Boot knows.
 */
@TimescaleTest
class SqlScriptsIT {

    @Test
    void tablesFromSchemaScriptsAreAppliedAfterTheScriptsRan(TimescaleDatabase database) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceInitializationAutoConfiguration.class, TimescaleAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.sql.init.mode=always",
                        "spring.sql.init.schema-locations=classpath:db/migration/V1__reference_tables.sql",
                        "ms5.timescale.tables.metric_hist.time-column=ts",
                        "ms5.timescale.tables.production_kpis.time-column=time")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(new JdbcTemplate(database.dataSource()).queryForList("SELECT hypertable_name FROM"
                            + " timescaledb_information.hypertables ORDER BY 1", String.class))
                            .containsExactly("metric_hist", "production_kpis");
                });
    }
}
