package dev.ms5.timescale.spring.boot.autoconfigure;

import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.spring.boot.actuate.TimescaleHealthIndicator;
import dev.ms5.timescale.spring.boot.startup.DeclaredTables;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code timescaledb} health contributor, when Spring Boot's health module is present; off with
 * {@code management.health.timescaledb.enabled=false}.
 */
@AutoConfiguration(after = TimescaleAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(TimescaleAdmin.class)
@ConditionalOnBooleanProperty(name = "ms5.timescale.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("timescaledb")
public final class TimescaleHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "timescaledbHealthIndicator")
    TimescaleHealthIndicator timescaledbHealthIndicator(TimescaleAdmin admin, ObjectProvider<DeclaredTables> tables) {
        return new TimescaleHealthIndicator(admin, tables.getIfAvailable(() -> new DeclaredTables(List.of())).specs());
    }
}
