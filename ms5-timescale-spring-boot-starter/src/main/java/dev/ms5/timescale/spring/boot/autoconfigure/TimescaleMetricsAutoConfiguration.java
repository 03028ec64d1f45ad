package dev.ms5.timescale.spring.boot.autoconfigure;

import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.jdbc.micrometer.TimescaleMetrics;
import dev.ms5.timescale.spring.boot.startup.InvalidPropertyException;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The TimescaleDB gauges ({@link TimescaleMetrics}) as a {@link MeterBinder} bean, which Spring Boot binds to the
 * application's MeterRegistry, when Micrometer is present; off with {@code ms5.timescale.metrics.enabled=false}.
 */
@AutoConfiguration(after = TimescaleAutoConfiguration.class)
@ConditionalOnClass({MeterBinder.class, TimescaleMetrics.class})
@ConditionalOnBean(TimescaleAdmin.class)
@ConditionalOnBooleanProperty(name = "ms5.timescale.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "ms5.timescale.metrics.enabled", matchIfMissing = true)
public final class TimescaleMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TimescaleMetrics timescaleMetrics(TimescaleAdmin admin, TimescaleProperties properties,
                                      ConfigurableEnvironment environment) {
        try {
            return new TimescaleMetrics(admin, PropertyChecks.positive("ms5.timescale.metrics.refresh",
                    properties.getMetrics().getRefresh(), "30s"));
        } catch (InvalidPropertyException e) {
            throw PropertyChecks.withOrigin(e, environment);
        }
    }
}
