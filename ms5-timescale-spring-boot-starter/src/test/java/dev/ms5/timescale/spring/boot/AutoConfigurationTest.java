package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.jdbc.micrometer.TimescaleMetrics;
import dev.ms5.timescale.monitoring.MonitoringEndpoints;
import dev.ms5.timescale.spring.boot.actuate.TimescaleHealthIndicator;
import dev.ms5.timescale.spring.boot.autoconfigure.TimescaleAutoConfiguration;
import dev.ms5.timescale.spring.boot.autoconfigure.TimescaleHealthAutoConfiguration;
import dev.ms5.timescale.spring.boot.autoconfigure.TimescaleMetricsAutoConfiguration;
import dev.ms5.timescale.spring.boot.autoconfigure.TimescaleMonitoringAutoConfiguration;
import dev.ms5.timescale.spring.boot.startup.DeclaredTables;
import dev.ms5.timescale.spring.boot.startup.RetentionSchedule;
import dev.ms5.timescale.spring.boot.startup.TimescalePolicyInitializer;
import dev.ms5.timescale.spring.boot.web.MonitoringCallerResolver;
import dev.ms5.timescale.spring.boot.web.SecurityCallerResolver;
import dev.ms5.timescale.spring.boot.web.ServletCallerResolver;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

/** When the starter configures what, and when it backs off; no database is reached. */
class AutoConfigurationTest {

    private static final AutoConfigurations ALL = AutoConfigurations.of(TimescaleAutoConfiguration.class,
            TimescaleHealthAutoConfiguration.class, TimescaleMetricsAutoConfiguration.class,
            TimescaleMonitoringAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(ALL);

    @Test
    void withoutADataSourceItBacksOffQuietly() {
        runner.withPropertyValues("ms5.timescale.tables.metric_hist.time-column=ts").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(TimescaleAdmin.class).doesNotHaveBean(DeclaredTables.class)
                    .doesNotHaveBean(TimescalePolicyInitializer.class)
                    .doesNotHaveBean(TimescaleHealthIndicator.class).doesNotHaveBean(TimescaleMetrics.class);
        });
    }

    @Test
    void withoutTheJdbcImplementationItBacksOff() {
        runner.withBean(DataSource.class, PGSimpleDataSource::new)
                .withClassLoader(new FilteredClassLoader(new ClassPathResource(
                        "META-INF/services/dev.ms5.timescale.spi.TimescaleAdminProvider")))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TimescaleAdmin.class));
    }

    @Test
    void disabledItConfiguresNothing() {
        runner.withBean(DataSource.class, PGSimpleDataSource::new)
                .withPropertyValues("ms5.timescale.enabled=false", "ms5.timescale.tables.metric_hist.time-column=ts")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TimescaleAdmin.class)
                        .doesNotHaveBean(TimescalePolicyInitializer.class)
                        .doesNotHaveBean(TimescaleHealthIndicator.class));
        // Even next to an admin of the application's own.
        new WebApplicationContextRunner().withConfiguration(ALL).withBean(DataSource.class, PGSimpleDataSource::new)
                .withBean(TimescaleAdmin.class, StubAdmin::stubbed)
                .withPropertyValues("ms5.timescale.enabled=false", "ms5.timescale.monitoring.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TimescalePolicyInitializer.class)
                        .doesNotHaveBean(TimescaleHealthIndicator.class).doesNotHaveBean(TimescaleMetrics.class)
                        .doesNotHaveBean(MonitoringEndpoints.class));
    }

    @Test
    void withADataSourceItConfiguresTheAdminHealthAndMetricsButNotTheEndpoints() {
        runner.withBean(DataSource.class, PGSimpleDataSource::new).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TimescaleAdmin.class)
                    .hasSingleBean(TimescalePolicyInitializer.class).hasSingleBean(TimescaleMetrics.class)
                    .doesNotHaveBean(RetentionSchedule.class).doesNotHaveBean(MonitoringEndpoints.class);
            assertThat(context).getBean("timescaledbHealthIndicator").isInstanceOf(TimescaleHealthIndicator.class);
        });
    }

    @Test
    void theHostsOwnAdminIsUsed() {
        StubAdmin stub = new StubAdmin();
        runner.withBean(DataSource.class, PGSimpleDataSource::new).withBean(TimescaleAdmin.class, () -> stub.admin)
                .withPropertyValues("ms5.timescale.tables.metric_hist.time-column=ts").run(context -> {
                    assertThat(context).getBean(TimescaleAdmin.class).isSameAs(stub.admin);
                    assertThat(stub.applied).hasSize(1);
                });
    }

    @Test
    void theRetentionScheduleNeedsItsProperty() {
        runner.withBean(DataSource.class, PGSimpleDataSource::new).withBean(TimescaleAdmin.class, StubAdmin::stubbed)
                .withPropertyValues("ms5.timescale.retention.enforce-every=1h")
                .run(context -> assertThat(context).hasSingleBean(RetentionSchedule.class));
    }

    @Test
    void theMonitoringEndpointsAreOptInAndTakeCallersFromSpringSecurity() {
        WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(ALL)
                .withBean(DataSource.class, PGSimpleDataSource::new);
        web.run(context -> assertThat(context).doesNotHaveBean(MonitoringEndpoints.class)
                .doesNotHaveBean("timescaleMonitoringRoutes"));
        web.withPropertyValues("ms5.timescale.monitoring.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(MonitoringEndpoints.class).hasBean("timescaleMonitoringRoutes");
            assertThat(context).getBean(MonitoringCallerResolver.class).isInstanceOf(SecurityCallerResolver.class);
        });
        web.withPropertyValues("ms5.timescale.monitoring.enabled=true")
                .withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> assertThat(context).getBean(MonitoringCallerResolver.class)
                        .isInstanceOf(ServletCallerResolver.class));
    }
}
