package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.spring.boot.startup.TimescalePolicyInitializer;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A host application with Flyway and the reference tables declared in application.properties: Flyway creates the
 * tables, the starter then makes them hypertables with their policies, before the application's own beans use
 * the database; a second start on the same database changes nothing.
 */
@ExtendWith(SpringDatabases.class)
@SpringBootTest(classes = {TestApplication.class, StartupIT.HypertableReader.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupIT {

    @Autowired
    private TimescalePolicyInitializer initializer;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private HypertableReader reader;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SpringDatabases.register(registry, StartupIT.class);
    }

    /** An application bean that reads the hypertables while the context starts, through JdbcTemplate. */
    @Component
    static class HypertableReader {
        final List<String> seenAtStartup;

        HypertableReader(JdbcTemplate jdbc) {
            seenAtStartup = jdbc.queryForList("SELECT hypertable_name FROM timescaledb_information.hypertables"
                    + " ORDER BY 1", String.class);
        }
    }

    @Test
    @Order(1)
    void flywayCreatesTheTablesThenTheStarterAppliesTheirPolicies() {
        assertThat(rows("SELECT version, success FROM flyway_schema_history")).containsExactly("1|t");
        ApplyReport report = initializer.report().orElseThrow();
        assertThat(report.failed()).isEmpty();
        assertThat(report.changed()).hasSize(4);
        assertThat(rows("SELECT hypertable_name, column_name, time_interval FROM timescaledb_information.dimensions"
                + " ORDER BY hypertable_name")).containsExactly("energy_consumption|time|1 day",
                "metric_hist|ts|01:00:00", "oee_calculations|calculation_time|1 day", "production_kpis|time|1 day");
        if (SpringDatabases.of(StartupIT.class).edition() == TimescaleEdition.TIMESCALE) {
            assertThat(rows("SELECT hypertable_name, proc_name, coalesce(config->>'compress_after',"
                    + " config->>'drop_after') FROM timescaledb_information.jobs WHERE hypertable_name IS NOT NULL"
                    + " ORDER BY hypertable_name, proc_name")).containsExactly(
                    "energy_consumption|policy_compression|7 days", "energy_consumption|policy_retention|90 days",
                    "metric_hist|policy_compression|7 days", "metric_hist|policy_retention|90 days",
                    "oee_calculations|policy_compression|7 days", "oee_calculations|policy_retention|365 days",
                    "production_kpis|policy_compression|7 days", "production_kpis|policy_retention|90 days");
        } else {
            assertThat(report.tables()).allSatisfy(t -> assertThat(t.unsupported()).isNotEmpty());
        }
    }

    @Test
    @Order(2)
    void theApplicationsDataAccessWaitsForThePolicies() {
        assertThat(reader.seenAtStartup).containsExactly("energy_consumption", "metric_hist", "oee_calculations",
                "production_kpis");
    }

    @Test
    @Order(3)
    void aSecondStartOnTheSameDatabaseChangesNothing() {
        List<String> jobs = rows("SELECT job_id, config, schedule_interval FROM timescaledb_information.jobs"
                + " ORDER BY job_id");
        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(TestApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.datasource.url=" + SpringDatabases.of(StartupIT.class).jdbcUrl()).run()) {
            ApplyReport report = again.getBean(TimescalePolicyInitializer.class).report().orElseThrow();
            assertThat(report.failed()).isEmpty();
            assertThat(report.changed()).isEmpty();
            assertThat(report.tables()).hasSize(4).allSatisfy(t -> assertThat(t.inPlace()).isNotEmpty());
        }
        assertThat(rows("SELECT job_id, config, schedule_interval FROM timescaledb_information.jobs"
                + " ORDER BY job_id")).isEqualTo(jobs);
    }

    private List<String> rows(String sql) {
        return jdbc.query(sql, (row, n) -> {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                line.append(i == 1 ? "" : "|").append(row.getString(i));
            }
            return line.toString();
        });
    }
}
