package dev.ms5.timescale.spring.boot.autoconfigure;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.spring.boot.startup.DeclaredTables;
import dev.ms5.timescale.spring.boot.startup.InvalidPropertyException;
import dev.ms5.timescale.spring.boot.startup.RetentionSchedule;
import dev.ms5.timescale.spring.boot.startup.TimescalePolicyInitializer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.scheduling.TaskScheduler;

/**
 * The admin, the declared tables and their policies applied at startup, when the application has one DataSource
 * and the JDBC implementation is present; off with {@code ms5.timescale.enabled=false}.
 *
 * <p>Ordering after migrations: the policy initializer is a database initializer to Spring Boot (see
 * {@link TimescaleInitializerDetector}), detected after Flyway, Liquibase and the SQL scripts, so Boot's
 * {@link DatabaseInitializationDependencyConfigurer} makes it depend on their beans, and makes the beans that
 * depend on database initialization (JdbcTemplate, JPA...) depend on it.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
    "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"})
@ConditionalOnClass(TimescaleAdmin.class)
@ConditionalOnResource(resources = "classpath:META-INF/services/dev.ms5.timescale.spi.TimescaleAdminProvider")
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "ms5.timescale.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TimescaleProperties.class)
public final class TimescaleAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AdminOptions timescaleAdminOptions(TimescaleProperties properties, ConfigurableEnvironment environment) {
        try {
            return PropertyChecks.adminOptions(properties);
        } catch (InvalidPropertyException e) {
            throw PropertyChecks.withOrigin(e, environment);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    TimescaleAdmin timescaleAdmin(DataSource dataSource, AdminOptions options) {
        return TimescaleAdmin.create(dataSource, options);
    }

    @Bean
    @ConditionalOnMissingBean
    TimescaleSettings timescaleSettings(ConfigurableEnvironment environment) {
        return SeedSettings.from(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    DeclaredTables timescaleDeclaredTables(TimescaleProperties properties, TimescaleSettings settings,
                                           ListableBeanFactory beans, ConfigurableEnvironment environment) {
        try {
            return TableDeclarations.declare(beans.getBeansOfType(PolicySpec.class), properties.getTables(),
                    settings);
        } catch (InvalidPropertyException e) {
            throw PropertyChecks.withOrigin(e, environment);
        }
    }

    @Bean
    TimescalePolicyInitializer timescalePolicyInitializer(TimescaleAdmin admin, DeclaredTables tables,
                                                          TimescaleProperties properties) {
        return new TimescalePolicyInitializer(admin, tables, properties.isFailOnError());
    }

    @Bean
    @ConditionalOnProperty("ms5.timescale.retention.enforce-every")
    RetentionSchedule timescaleRetentionSchedule(TimescaleAdmin admin, DeclaredTables tables,
                                                 TimescaleProperties properties,
                                                 ObjectProvider<TaskScheduler> schedulers,
                                                 ConfigurableEnvironment environment) {
        try {
            return new RetentionSchedule(admin, tables, PropertyChecks.positive(
                    "ms5.timescale.retention.enforce-every", properties.getRetention().getEnforceEvery(), "1h"),
                    schedulers.getIfUnique());
        } catch (InvalidPropertyException e) {
            throw PropertyChecks.withOrigin(e, environment);
        }
    }

    /** Boot's ordering of database initializers, where Boot's SQL module is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.sql.init.dependency"
            + ".DatabaseInitializationDependencyConfigurer")
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class InitializationOrder {
    }
}
