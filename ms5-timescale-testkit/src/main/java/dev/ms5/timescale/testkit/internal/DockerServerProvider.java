package dev.ms5.timescale.testkit.internal;

import java.util.function.Supplier;

/**
 * Starts TimescaleDB in Docker through Testcontainers, from a pinned image, when a Docker engine answers.
 *
 * <p>Testcontainers' classes are loaded only after {@link DockerProbe} found an engine, so that a machine
 * without Docker pays about a second for finding that out.
 */
public final class DockerServerProvider implements ServerProvider {

    private final FixtureSettings settings;
    private final Supplier<DockerProbe> probe;

    /**
     * Creates the provider.
     *
     * @param settings the image to run
     * @param probe    the check for a Docker engine
     */
    public DockerServerProvider(FixtureSettings settings, Supplier<DockerProbe> probe) {
        this.settings = settings;
        this.probe = probe;
    }

    @Override
    public String name() {
        return "Docker (Testcontainers, image " + settings.image() + ")";
    }

    @Override
    public RunningServer provide(ServerRole role) throws ProviderUnavailableException {
        DockerProbe.Result result = probe.get().probe();
        if (!result.answered()) {
            throw new ProviderUnavailableException("no Docker engine answered (" + String.join("; ", result.tried())
                    + ")", "start Docker, or set DOCKER_HOST to a running engine");
        }
        try {
            return TimescaleContainer.start(settings.image(), role == ServerRole.APACHE);
        } catch (RuntimeException | LinkageError e) {
            throw new ProviderUnavailableException("Docker at " + result.endpoint() + " answered, but the container"
                    + " did not start: " + e.getMessage(),
                    "check that the image " + settings.image() + " can be pulled (or set MS5_TIMESCALE_IMAGE)", e);
        }
    }
}
