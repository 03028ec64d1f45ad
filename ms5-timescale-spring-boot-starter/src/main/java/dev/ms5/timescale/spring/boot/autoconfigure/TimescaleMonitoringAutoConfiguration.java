package dev.ms5.timescale.spring.boot.autoconfigure;

import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.monitoring.AccessPolicy;
import dev.ms5.timescale.monitoring.AuditSink;
import dev.ms5.timescale.monitoring.MonitoringEndpoints;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.spring.boot.startup.DeclaredTables;
import dev.ms5.timescale.spring.boot.startup.InvalidPropertyException;
import dev.ms5.timescale.spring.boot.web.MonitoringCallerResolver;
import dev.ms5.timescale.spring.boot.web.MonitoringRoutes;
import dev.ms5.timescale.spring.boot.web.RoleAccessPolicy;
import dev.ms5.timescale.spring.boot.web.SecurityCallerResolver;
import dev.ms5.timescale.spring.boot.web.ServletCallerResolver;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The eight monitoring endpoints at the seed's paths ({@code /api/v1/monitoring/...}) in a Spring MVC
 * application, when {@code ms5.timescale.monitoring.enabled=true} (off by default: they expose the database's
 * statistics and configuration, so an application opts in, as it does for Actuator's endpoints over HTTP).
 * Callers' access levels come from their roles ({@link RoleAccessPolicy}), or from the application's own
 * {@link AccessPolicy} bean; audit records go to its {@link AuditSink} bean when it has one.
 */
@AutoConfiguration(after = TimescaleAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean({TimescaleAdmin.class, DeclaredTables.class})
@ConditionalOnBooleanProperty(name = "ms5.timescale.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "ms5.timescale.monitoring.enabled")
public final class TimescaleMonitoringAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AccessPolicy timescaleAccessPolicy(TimescaleProperties properties) {
        return new RoleAccessPolicy(properties.getMonitoring().getAdminRole(),
                properties.getMonitoring().getAuthenticatedRole());
    }

    @Bean
    @ConditionalOnMissingBean
    MonitoringEndpoints timescaleMonitoringEndpoints(TimescaleAdmin admin, AccessPolicy access, DeclaredTables tables,
                                                     ObjectProvider<TimescaleSettings> settings,
                                                     ObjectProvider<AuditSink> audit, TimescaleProperties properties,
                                                     ConfigurableEnvironment environment) {
        MonitoringOptions options = MonitoringOptions.defaults().access(access).specs(tables.specs())
                .cacheFor(cacheFor(properties, environment));
        TimescaleSettings seed = settings.getIfAvailable();
        options = seed == null ? options : options.settings(seed);
        AuditSink sink = audit.getIfUnique();
        options = sink == null ? options : options.audit(sink);
        String url = environment.getProperty("spring.datasource.url");
        return admin.monitoring(url == null ? options : options.jdbcUrl(url));
    }

    @Bean
    RouterFunction<ServerResponse> timescaleMonitoringRoutes(MonitoringEndpoints endpoints,
                                                             MonitoringCallerResolver callers) {
        return new MonitoringRoutes(endpoints, callers).routerFunction();
    }

    private static java.time.Duration cacheFor(TimescaleProperties properties, ConfigurableEnvironment environment) {
        try {
            return PropertyChecks.notNegative("ms5.timescale.monitoring.cache-for",
                    properties.getMonitoring().getCacheFor(), "5s");
        } catch (InvalidPropertyException e) {
            throw PropertyChecks.withOrigin(e, environment);
        }
    }

    /** Callers from Spring Security's Authentication. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class SecurityCallers {

        @Bean
        @ConditionalOnMissingBean
        MonitoringCallerResolver timescaleMonitoringCallers() {
            return new SecurityCallerResolver();
        }
    }

    /** Callers from the servlet container's security. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.core.context.SecurityContextHolder")
    static class ServletCallers {

        @Bean
        @ConditionalOnMissingBean
        MonitoringCallerResolver timescaleMonitoringCallers(TimescaleProperties properties) {
            return new ServletCallerResolver(List.of(properties.getMonitoring().getAdminRole(),
                    properties.getMonitoring().getAuthenticatedRole()));
        }
    }
}
