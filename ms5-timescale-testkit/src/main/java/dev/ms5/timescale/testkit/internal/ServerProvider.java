package dev.ms5.timescale.testkit.internal;

/** One way of getting a TimescaleDB server; the fixture tries several in a fixed order. */
public interface ServerProvider {

    /**
     * Names the provider in messages.
     *
     * @return e.g. {@code "existing server (MS5_TIMESCALE_URL)"}
     */
    String name();

    /**
     * Starts or finds a server for the given role.
     *
     * @param role the server wanted
     * @return the server, ready for connections
     * @throws ProviderUnavailableException when this provider cannot serve, with the reason and the fix
     */
    RunningServer provide(ServerRole role) throws ProviderUnavailableException;
}
