package dev.ms5.timescale.spring.boot.autoconfigure;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.spring.boot.startup.InvalidPropertyException;
import java.time.Duration;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/** Checks of the bound properties that Spring's binding cannot make, each failure naming its property. */
final class PropertyChecks {

    private PropertyChecks() {
    }

    /** The admin's options from {@code ms5.timescale.*}. */
    static AdminOptions adminOptions(TimescaleProperties properties) {
        return new AdminOptions(
                positive("ms5.timescale.lock-timeout", properties.getLockTimeout(), "5s"),
                positive("ms5.timescale.statement-timeout", properties.getStatementTimeout(), "5m"),
                positive("ms5.timescale.advisory-lock-deadline", properties.getAdvisoryLockDeadline(), "30s"),
                properties.isRemoveUndeclaredPolicies(), properties.isFailOnError(),
                positive("ms5.timescale.health-timeout", properties.getHealthTimeout(), "5s"),
                properties.isResumePausedJobs(), properties.isRecompressChunks());
    }

    /**
     * A duration that must be positive and in whole microseconds (what a PostgreSQL interval holds).
     *
     * @throws InvalidPropertyException naming the property
     */
    static Duration positive(String property, Duration value, String example) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidPropertyException(property, String.valueOf(value), "it must be a positive duration",
                    example, null);
        }
        return microseconds(property, value, example);
    }

    /** A duration that may be zero but not negative. */
    static Duration notNegative(String property, Duration value, String example) {
        if (value == null || value.isNegative()) {
            throw new InvalidPropertyException(property, String.valueOf(value), "it must be zero or a positive"
                    + " duration", example, null);
        }
        return value;
    }

    private static Duration microseconds(String property, Duration value, String example) {
        if (value.getNano() % 1000 != 0) {
            throw new InvalidPropertyException(property, String.valueOf(value), "it is finer than a microsecond,"
                    + " which PostgreSQL intervals cannot hold", example, null);
        }
        return value;
    }

    /** Adds where the bad value was set (file and line), when Spring can tell. */
    static InvalidPropertyException withOrigin(InvalidPropertyException e, Environment environment) {
        if (e.origin().isPresent()) {
            return e;
        }
        try {
            ConfigurationPropertyName name = ConfigurationPropertyName.isValid(e.property())
                    ? ConfigurationPropertyName.of(e.property()) : ConfigurationPropertyName.adapt(e.property(), '.');
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                ConfigurationProperty property = source.getConfigurationProperty(name);
                if (property != null && property.getOrigin() != null) {
                    return e.withOrigin(property.getOrigin().toString());
                }
            }
        } catch (RuntimeException lookupFailed) {
            // The origin only decorates the message; the failure itself is what matters.
        }
        return e;
    }
}
