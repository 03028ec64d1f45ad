package dev.ms5.timescale.spring.boot.startup;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicyApplicationException;
import dev.ms5.timescale.TimescaleAdmin;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Applies the declared tables' policies while the application context starts, so before the application serves.
 * Spring Boot treats it as a database initializer that runs after Flyway, Liquibase and the SQL scripts (see the
 * starter's {@code DatabaseInitializerDetector}), and makes the beans that use the database wait for it.
 *
 * <p>In fail-fast mode ({@code ms5.timescale.fail-on-error=true}, the default) a failed table stops the context
 * with a {@link PolicyApplicationException}, which the starter's failure analyzer explains. Otherwise each failed
 * table is logged at WARN and the application starts; {@link #report()} keeps what happened.
 */
public final class TimescalePolicyInitializer implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(TimescalePolicyInitializer.class);

    private final TimescaleAdmin admin;
    private final DeclaredTables tables;
    private final boolean failOnError;
    private volatile ApplyReport report;

    /**
     * Creates the initializer.
     *
     * @param admin       the admin
     * @param tables      the declared tables
     * @param failOnError whether a failed table stops startup
     */
    public TimescalePolicyInitializer(TimescaleAdmin admin, DeclaredTables tables, boolean failOnError) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.failOnError = failOnError;
    }

    /**
     * Applies the policies.
     *
     * @throws PolicyApplicationException when a table failed in fail-fast mode
     * @throws dev.ms5.timescale.TimescaleException when the database cannot be used at all in fail-fast mode
     */
    @Override
    public void afterPropertiesSet() {
        if (tables.isEmpty()) {
            LOG.info("timescaledb: no tables declared (ms5.timescale.tables.*, PolicySpec beans); nothing to apply");
            return;
        }
        LOG.info("timescaledb: applying the policies of {} table{}: {}", tables.declarations().size(),
                tables.declarations().size() == 1 ? "" : "s", tables.describe());
        ApplyReport applied = admin.applyPolicies(tables.specs());
        report = applied;
        if (applied.succeeded()) {
            return;
        }
        if (failOnError) {
            // A host-defined admin may run in report mode; the property still decides for startup.
            throw new PolicyApplicationException(applied);
        }
        LOG.warn("timescaledb: {} of {} tables failed (logged above); starting anyway as"
                + " ms5.timescale.fail-on-error=false", applied.failed().size(), applied.tables().size());
    }

    /**
     * Returns what the startup did.
     *
     * @return the report, empty when no table is declared
     */
    public Optional<ApplyReport> report() {
        return Optional.ofNullable(report);
    }
}
