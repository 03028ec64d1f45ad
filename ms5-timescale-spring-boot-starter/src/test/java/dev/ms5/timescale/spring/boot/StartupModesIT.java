package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.spring.boot.autoconfigure.TimescaleAutoConfiguration;
import dev.ms5.timescale.spring.boot.startup.TimescaleFailureAnalyzer;
import dev.ms5.timescale.spring.boot.startup.TimescalePolicyInitializer;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** Skipped, fail-fast and report mode, on a real database whose tables Flyway creates. */
@TimescaleTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupModesIT {

    private static final String[] TABLES = {"ms5.timescale.tables.metric_hist.time-column=ts",
        "ms5.timescale.tables.oee_calculations.time-column=calculation_time"};

    private ApplicationContextRunner runner(TimescaleDatabase database) {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
                        TimescaleAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl()).withPropertyValues(TABLES);
    }

    @Test
    @Order(1)
    void disabledItAppliesNothing(TimescaleDatabase shared) {
        // A database of its own, so that what the other tests apply cannot hide or fake the outcome.
        try (TimescaleDatabase database = shared.server().createDatabase("startup_disabled")) {
            runner(database).withPropertyValues("ms5.timescale.enabled=false").run(context -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(TimescaleAdmin.class);
                JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
                assertThat(jdbc.queryForObject("SELECT count(*) FROM metric_hist", Long.class)).isZero();
                assertThat(jdbc.queryForObject("SELECT count(*) FROM timescaledb_information.hypertables",
                        Long.class)).isZero();
            });
        }
    }

    @Test
    @Order(2)
    void failFastStopsStartupNamingTheTableAndTheFix(TimescaleDatabase database) {
        runner(database).withPropertyValues("ms5.timescale.tables.missing_table.time-column=ts").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new TimescaleFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith("TimescaleDB policies could not be applied at startup:"
                    + " 1 of 3 tables failed.").contains("missing_table").contains("42P01")
                    .contains("The other 2 tables were applied or already as declared.");
            assertThat(analysis.getAction()).startsWith("missing_table: ")
                    .contains("ms5.timescale.fail-on-error=false");
        });
    }

    @Test
    @Order(3)
    void reportModeStartsAndKeepsTheFailure(TimescaleDatabase database) {
        runner(database).withPropertyValues("ms5.timescale.tables.missing_table.time-column=ts",
                "ms5.timescale.fail-on-error=false").run(context -> {
                    assertThat(context).hasNotFailed();
                    ApplyReport report = context.getBean(TimescalePolicyInitializer.class).report().orElseThrow();
                    assertThat(report.failed()).singleElement().satisfies(t -> {
                        assertThat(t.table().name()).isEqualTo("missing_table");
                        assertThat(t.failure().map(TableFailure::kind)).contains(TableFailure.Kind.TABLE_NOT_FOUND);
                    });
                    assertThat(new JdbcTemplate(database.dataSource()).queryForList("SELECT hypertable_name FROM"
                            + " timescaledb_information.hypertables ORDER BY 1", String.class))
                            .isEqualTo(List.of("metric_hist", "oee_calculations"));
                });
    }
}
