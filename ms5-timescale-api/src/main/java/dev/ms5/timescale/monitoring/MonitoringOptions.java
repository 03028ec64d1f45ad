package dev.ms5.timescale.monitoring;

import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the monitoring endpoints behave. Start from {@link #defaults()}:
 * {@code MonitoringOptions.defaults().access(AccessPolicy.byRole("admin")).specs(specs)}.
 *
 * @param access   who may read what (default: {@link AccessPolicy#denyAll()}, only the public endpoint)
 * @param callers  how the JDK server adapter tells who sends a request (default: everyone is anonymous)
 * @param audit    where audit records go (default: empty, the slf4j logger {@code dev.ms5.timescale.audit})
 * @param specs    the declared tables, for the configuration endpoint and the health report's drift check
 *                 (default: none)
 * @param settings the settings the specs came from, shown by the configuration endpoint (default: empty)
 * @param jdbcUrl  the database's JDBC URL, shown masked by the configuration endpoint (default: empty)
 * @param cacheFor how long an answer read from the database is reused, so that frequent polling does not load
 *                 the catalogs (default: 5 seconds; zero reads every time)
 */
public record MonitoringOptions(AccessPolicy access, CallerResolver callers, Optional<AuditSink> audit,
                                List<PolicySpec> specs, Optional<TimescaleSettings> settings,
                                Optional<String> jdbcUrl, Duration cacheFor) {

    /**
     * Checks and copies.
     *
     * @param access   the access policy
     * @param callers  the caller resolver
     * @param audit    the audit sink
     * @param specs    the specs
     * @param settings the settings
     * @param jdbcUrl  the JDBC URL
     * @param cacheFor the cache duration
     */
    public MonitoringOptions {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(callers, "callers");
        Objects.requireNonNull(audit, "audit");
        specs = List.copyOf(specs);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (cacheFor == null || cacheFor.isNegative()) {
            throw new dev.ms5.timescale.InvalidArgumentException("cacheFor must be zero or positive, was " + cacheFor
                    + "; e.g. Duration.ofSeconds(5)");
        }
    }

    /**
     * Returns the defaults.
     *
     * @return the default options
     */
    public static MonitoringOptions defaults() {
        return new MonitoringOptions(AccessPolicy.denyAll(), CallerResolver.anonymous(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(5));
    }

    /**
     * Returns a copy with another access policy.
     *
     * @param policy the policy
     * @return the copy
     */
    public MonitoringOptions access(AccessPolicy policy) {
        return new MonitoringOptions(policy, callers, audit, specs, settings, jdbcUrl, cacheFor);
    }

    /**
     * Returns a copy with another caller resolver.
     *
     * @param resolver the resolver
     * @return the copy
     */
    public MonitoringOptions callers(CallerResolver resolver) {
        return new MonitoringOptions(access, resolver, audit, specs, settings, jdbcUrl, cacheFor);
    }

    /**
     * Returns a copy that sends audit records to a sink.
     *
     * @param sink the sink
     * @return the copy
     */
    public MonitoringOptions audit(AuditSink sink) {
        return new MonitoringOptions(access, callers, Optional.of(sink), specs, settings, jdbcUrl, cacheFor);
    }

    /**
     * Returns a copy with the declared tables.
     *
     * @param declared the specs
     * @return the copy
     */
    public MonitoringOptions specs(List<PolicySpec> declared) {
        return new MonitoringOptions(access, callers, audit, declared, settings, jdbcUrl, cacheFor);
    }

    /**
     * Returns a copy with the settings the specs came from.
     *
     * @param from the settings
     * @return the copy
     */
    public MonitoringOptions settings(TimescaleSettings from) {
        return new MonitoringOptions(access, callers, audit, specs, Optional.of(from), jdbcUrl, cacheFor);
    }

    /**
     * Returns a copy that shows this JDBC URL, masked, on the configuration endpoint.
     *
     * @param url the URL
     * @return the copy
     */
    public MonitoringOptions jdbcUrl(String url) {
        return new MonitoringOptions(access, callers, audit, specs, settings, Optional.of(url), cacheFor);
    }

    /**
     * Returns a copy that reuses answers for this long.
     *
     * @param duration the duration; zero reads every time
     * @return the copy
     */
    public MonitoringOptions cacheFor(Duration duration) {
        return new MonitoringOptions(access, callers, audit, specs, settings, jdbcUrl, duration);
    }
}
