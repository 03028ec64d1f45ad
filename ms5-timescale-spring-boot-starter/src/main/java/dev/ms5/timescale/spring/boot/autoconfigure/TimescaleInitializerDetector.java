package dev.ms5.timescale.spring.boot.autoconfigure;

import dev.ms5.timescale.spring.boot.startup.TimescalePolicyInitializer;
import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * Makes the policy initializer a database initializer in Spring Boot's own sense: Boot orders initializers by
 * their detectors' order, each batch depending on the one before, and makes every bean that depends on database
 * initialization (JdbcTemplate, JPA, jOOQ, {@code @DependsOnDatabaseInitialization}) depend on all of them. With
 * an order after Flyway's and Liquibase's (0 and 1) and after the SQL scripts' ({@code LOWEST_PRECEDENCE - 100}),
 * the policies are applied once the migrations have created the tables, and before the application's own data
 * access starts. Registered in {@code META-INF/spring.factories} under {@link DatabaseInitializerDetector}.
 */
class TimescaleInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    /** After Flyway, Liquibase and the SQL scripts. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 50;

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(TimescalePolicyInitializer.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
