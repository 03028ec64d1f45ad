package dev.ms5.timescale.jdbc.internal;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.spi.TimescaleAdminProvider;
import javax.sql.DataSource;

/** Provides the JDBC implementation to {@link TimescaleAdmin#create}. */
public final class JdbcTimescaleAdminProvider implements TimescaleAdminProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public JdbcTimescaleAdminProvider() {
        // Stateless.
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public TimescaleAdmin create(DataSource dataSource, AdminOptions options) {
        return new JdbcTimescaleAdmin(dataSource, options);
    }
}
