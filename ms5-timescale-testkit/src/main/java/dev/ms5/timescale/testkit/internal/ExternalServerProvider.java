package dev.ms5.timescale.testkit.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/** Uses a server that is already running, named by {@code MS5_TIMESCALE_URL} (and its Apache twin). */
public final class ExternalServerProvider implements ServerProvider {

    private final FixtureSettings settings;

    /**
     * Creates the provider.
     *
     * @param settings where the URLs come from
     */
    public ExternalServerProvider(FixtureSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "existing server (MS5_TIMESCALE_URL)";
    }

    @Override
    public RunningServer provide(ServerRole role) throws ProviderUnavailableException {
        Optional<String> url = role == ServerRole.PRIMARY ? settings.url() : settings.apacheUrl();
        String variable = role == ServerRole.PRIMARY ? "MS5_TIMESCALE_URL" : "MS5_TIMESCALE_APACHE_URL";
        if (url.isEmpty()) {
            throw new ProviderUnavailableException(variable + " is not set",
                    "set " + variable + " (or -Dms5.timescale." + (role == ServerRole.PRIMARY ? "url" : "apache-url")
                            + ") to a JDBC URL with credentials, e.g."
                            + " jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        }
        String adminUrl = url.get();
        try {
            JdbcUrls.requireHostForm(adminUrl);
        } catch (IllegalArgumentException e) {
            throw new ProviderUnavailableException(variable + ": " + e.getMessage(), "correct " + variable, e);
        }
        try (Connection connection = DriverManager.getConnection(adminUrl)) {
            connection.isValid(5);
            return new External(adminUrl);
        } catch (SQLException e) {
            throw new ProviderUnavailableException("cannot connect to " + JdbcUrls.mask(adminUrl) + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + ")",
                    "start that server or correct " + variable, e);
        }
    }

    private record External(String adminUrl) implements RunningServer {
        @Override
        public String description() {
            return "existing server " + JdbcUrls.mask(adminUrl);
        }

        @Override
        public void close() {
            // Found running, left running.
        }
    }
}
