package dev.ms5.timescale.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts a throwaway server from PostgreSQL binaries installed on this machine that have TimescaleDB.
 *
 * <p>The binaries are those of {@code MS5_TIMESCALE_PG_BIN} when set, else the first of {@code PATH},
 * {@code /usr/lib/postgresql/<newest>/bin} (Debian, Ubuntu), {@code /usr/pgsql-<newest>/bin} (RHEL) and
 * {@code /usr/local/pgsql/bin} whose library directory holds {@code timescaledb.so}.
 */
public final class LocalServerProvider implements ServerProvider {

    private static final String INSTALL_FIX = "install PostgreSQL and TimescaleDB: in this project run"
            + " sudo scripts/install-timescaledb.sh; elsewhere install the timescaledb package for your PostgreSQL,"
            + " or set MS5_TIMESCALE_PG_BIN to the bin directory of a PostgreSQL that has it";

    private final FixtureSettings settings;
    private final List<Path> searchPath;

    /**
     * Creates the provider that searches this machine's usual places.
     *
     * @param settings the optional explicit bin directory
     */
    public LocalServerProvider(FixtureSettings settings) {
        this(settings, defaultSearchPath());
    }

    /**
     * Creates the provider that searches the given bin directories, in order.
     *
     * @param settings   the optional explicit bin directory, which takes precedence
     * @param searchPath candidate bin directories
     */
    public LocalServerProvider(FixtureSettings settings, List<Path> searchPath) {
        this.settings = settings;
        this.searchPath = List.copyOf(searchPath);
    }

    @Override
    public String name() {
        return "local PostgreSQL binaries";
    }

    @Override
    public RunningServer provide(ServerRole role) throws ProviderUnavailableException {
        PgInstallation installation = findInstallation();
        OsUser user = OsUser.forServer();
        try {
            return LocalPostgres.start(installation, user, role == ServerRole.APACHE);
        } catch (IOException e) {
            throw new ProviderUnavailableException("PostgreSQL at " + installation.binDir() + " did not start: "
                    + e.getMessage(), "read the server log above; " + INSTALL_FIX, e);
        }
    }

    /**
     * Finds the binaries to use.
     *
     * @return the first installation with TimescaleDB
     * @throws ProviderUnavailableException naming every place looked at and what it lacked
     */
    public PgInstallation findInstallation() throws ProviderUnavailableException {
        List<Path> candidates = settings.pgBin().map(List::of).orElse(searchPath);
        List<String> rejected = new ArrayList<>();
        for (Path bin : candidates) {
            Optional<PgInstallation> found = PgInstallation.at(bin, rejected);
            if (found.isPresent()) {
                return found.get();
            }
        }
        String where = settings.pgBin().isPresent() ? "MS5_TIMESCALE_PG_BIN=" + settings.pgBin().get()
                : "PATH, /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, /usr/local/pgsql/bin";
        String detail = rejected.isEmpty() ? "no PostgreSQL binaries (initdb, pg_ctl, postgres) found in " + where
                : "no PostgreSQL with TimescaleDB in " + where + " (" + String.join("; ", rejected) + ")";
        throw new ProviderUnavailableException(detail, INSTALL_FIX);
    }

    private static List<Path> defaultSearchPath() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.addAll(newestFirst(Path.of("/usr/lib/postgresql"), "", "bin"));
        dirs.addAll(newestFirst(Path.of("/usr"), "pgsql-", "bin"));
        dirs.add(Path.of("/usr/local/pgsql/bin"));
        return dirs;
    }

    /** Lists {@code parent/<prefix><version>/<child>}, highest version first. */
    private static List<Path> newestFirst(Path parent, String prefix, String child) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().matches(prefix + "\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingDouble((Path p) ->
                            Double.parseDouble(p.getFileName().toString().substring(prefix.length()))).reversed())
                    .map(p -> p.resolve(child))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
