package dev.ms5.timescale.testkit;

import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.internal.DockerProbe;
import dev.ms5.timescale.testkit.internal.DockerServerProvider;
import dev.ms5.timescale.testkit.internal.ExternalServerProvider;
import dev.ms5.timescale.testkit.internal.FixtureSettings;
import dev.ms5.timescale.testkit.internal.LocalServerProvider;
import dev.ms5.timescale.testkit.internal.ProviderUnavailableException;
import dev.ms5.timescale.testkit.internal.RunningServer;
import dev.ms5.timescale.testkit.internal.ServerProvider;
import dev.ms5.timescale.testkit.internal.ServerRole;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TimescaleDB servers of this JVM: one shared by all test classes, started or found on first use, and
 * stopped at JVM exit; plus, on a full installation, a second one in Apache mode for tests that ask for it.
 *
 * <p>The server comes from the first of these that can serve, every failure being recorded:
 * <ol>
 *     <li>an existing server: {@code MS5_TIMESCALE_URL} (or {@code -Dms5.timescale.url});</li>
 *     <li>Docker through Testcontainers, when an engine answers (image: {@code MS5_TIMESCALE_IMAGE});</li>
 *     <li>local PostgreSQL binaries with TimescaleDB ({@code MS5_TIMESCALE_PG_BIN} or the usual places).</li>
 * </ol>
 * Outside JUnit (benchmarks, demos): {@code SharedTimescale.server().createDatabase("demo")}.
 */
public final class SharedTimescale {

    private static final Logger LOG = LoggerFactory.getLogger(SharedTimescale.class);
    private static final SharedTimescale INSTANCE = new SharedTimescale(FixtureSettings.fromEnvironment(),
            defaultProviders(FixtureSettings.fromEnvironment()));

    private final FixtureSettings settings;
    private final List<ServerProvider> providers;
    private final List<TimescaleServer> started = new ArrayList<>();
    private ServerProvider primaryProvider;
    private TimescaleServer primary;
    private RuntimeException primaryFailure;
    private TimescaleServer apache;
    private EditionUnavailableException apacheFailure;

    SharedTimescale(FixtureSettings settings, List<ServerProvider> providers) {
        this.settings = settings;
        this.providers = List.copyOf(providers);
    }

    /**
     * Returns the shared server, starting or finding it on first use.
     *
     * @return the server
     * @throws NoTimescaleServerException when no provider can serve, naming each and its fix
     */
    public static TimescaleServer server() {
        return INSTANCE.primary();
    }

    /**
     * Returns a server of the given edition.
     *
     * @param edition the edition wanted
     * @return the shared server when it runs that edition; for {@link TimescaleEdition#APACHE} on a full
     *         installation, a second server in Apache mode
     * @throws EditionUnavailableException when no server of that edition can be had, saying how to provide one
     * @throws NoTimescaleServerException  when no provider can serve at all
     */
    public static TimescaleServer server(TimescaleEdition edition) {
        return INSTANCE.forEdition(edition);
    }

    synchronized TimescaleServer primary() {
        if (primary != null) {
            return primary;
        }
        if (primaryFailure != null) {
            throw primaryFailure;
        }
        List<NoTimescaleServerException.Attempt> attempts = new ArrayList<>();
        for (ServerProvider provider : providers) {
            try {
                primary = open(provider, ServerRole.PRIMARY);
                primaryProvider = provider;
                return primary;
            } catch (ProviderUnavailableException e) {
                attempts.add(new NoTimescaleServerException.Attempt(provider.name(), e.getMessage(), e.fix()));
                LOG.debug("{}: cannot serve: {}", provider.name(), e.getMessage());
            }
        }
        primaryFailure = new NoTimescaleServerException(attempts);
        throw primaryFailure;
    }

    synchronized TimescaleServer forEdition(TimescaleEdition wanted) {
        TimescaleServer shared = primary();
        if (wanted == null || shared.edition() == wanted) {
            return shared;
        }
        if (wanted == TimescaleEdition.TIMESCALE) {
            throw new EditionUnavailableException("Needs the Timescale-License edition (compression, policies,"
                    + " jobs), but the test server " + shared.description() + " runs the Apache edition"
                    + " (timescaledb.license=apache). Run the tests against a full TimescaleDB installation,"
                    + " e.g. set MS5_TIMESCALE_URL to a server that has it");
        }
        return apacheServer();
    }

    /**
     * Asks the provider of the shared server for one in Apache mode (e.g. {@code MS5_TIMESCALE_APACHE_URL}, or a
     * second local server), then the providers after it in the chain, so that a run against an existing full
     * server can still test the Apache edition on this machine's binaries.
     */
    private TimescaleServer apacheServer() {
        if (apache != null) {
            return apache;
        }
        if (apacheFailure != null) {
            throw apacheFailure;
        }
        List<String> reasons = new ArrayList<>();
        for (ServerProvider provider : providers.subList(providers.indexOf(primaryProvider), providers.size())) {
            try {
                TimescaleServer server = open(provider, ServerRole.APACHE);
                if (server.edition() == TimescaleEdition.APACHE) {
                    apache = server;
                    return apache;
                }
                reasons.add(provider.name() + ": " + server.description() + " runs timescaledb.license="
                        + server.edition().license() + ". Fix: start it with -c timescaledb.license=apache");
            } catch (ProviderUnavailableException e) {
                reasons.add(provider.name() + ": " + e.getMessage() + ". Fix: " + e.fix());
            }
        }
        apacheFailure = new EditionUnavailableException("Needs a server running the Apache edition; the shared"
                + " server runs the Timescale license, and none in Apache mode could be had: "
                + String.join("; ", reasons));
        throw apacheFailure;
    }

    private TimescaleServer open(ServerProvider provider, ServerRole role) throws ProviderUnavailableException {
        RunningServer running = provider.provide(role);
        try {
            TimescaleServer server = TimescaleServer.open(running, settings.extensionVersion());
            registerForShutdown(server);
            return server;
        } catch (java.sql.SQLException | RuntimeException e) {
            running.close();
            throw new ProviderUnavailableException(running.description() + " cannot serve: " + e.getMessage(),
                    "install TimescaleDB on that server and add it to shared_preload_libraries", e);
        }
    }

    private void registerForShutdown(TimescaleServer server) {
        if (started.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "ms5-timescale-testkit-shutdown"));
        }
        started.add(server);
    }

    private void stopAll() {
        List<TimescaleServer> servers;
        synchronized (this) {
            servers = new ArrayList<>(started);
            started.clear();
        }
        for (TimescaleServer server : servers) {
            server.stop();
        }
    }

    static List<ServerProvider> defaultProviders(FixtureSettings settings) {
        return List.of(new ExternalServerProvider(settings),
                new DockerServerProvider(settings, DockerProbe::ofEnvironment),
                new LocalServerProvider(settings));
    }
}
