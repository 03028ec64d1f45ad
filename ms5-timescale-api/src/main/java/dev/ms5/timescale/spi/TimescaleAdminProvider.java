package dev.ms5.timescale.spi;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.TimescaleAdmin;
import javax.sql.DataSource;

/**
 * The service through which {@link TimescaleAdmin#create} finds an implementation. Implementations are
 * registered with {@code provides} in {@code module-info} and in {@code META-INF/services}.
 */
public interface TimescaleAdminProvider {

    /**
     * Names the implementation in messages.
     *
     * @return e.g. {@code "jdbc"}
     */
    String name();

    /**
     * Orders implementations when several are present; the highest wins.
     *
     * @return the priority (default: 0)
     */
    default int priority() {
        return 0;
    }

    /**
     * Creates an admin for a data source.
     *
     * @param dataSource the database
     * @param options    the behaviour
     * @return the admin
     */
    TimescaleAdmin create(DataSource dataSource, AdminOptions options);
}
