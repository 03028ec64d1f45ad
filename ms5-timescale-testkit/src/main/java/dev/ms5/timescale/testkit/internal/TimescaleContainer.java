package dev.ms5.timescale.testkit.internal;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A TimescaleDB container; Testcontainers' reaper removes it when the JVM ends, even abruptly. */
final class TimescaleContainer implements RunningServer {

    private final PostgreSQLContainer container;
    private final String image;

    private TimescaleContainer(PostgreSQLContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    static TimescaleContainer start(String image, boolean apache) {
        DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
        PostgreSQLContainer container = new PostgreSQLContainer(name)
                .withDatabaseName("postgres")
                .withUsername("postgres")
                .withPassword("postgres");
        if (apache) {
            container.withCommand("postgres", "-c", "fsync=off", "-c", "timescaledb.license=apache");
        } else {
            container.withCommand("postgres", "-c", "fsync=off");
        }
        container.start();
        return new TimescaleContainer(container, image);
    }

    @Override
    public String adminUrl() {
        return "jdbc:postgresql://" + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/postgres?user="
                + container.getUsername() + "&password=" + container.getPassword();
    }

    @Override
    public String description() {
        return "Docker container " + image + " on " + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public void close() {
        container.stop();
    }
}
