package dev.ms5.timescale.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The operating-system user a local server runs as. PostgreSQL refuses to run as root, so a JVM running as
 * root runs the server's commands as the {@code postgres} user through {@code runuser}.
 *
 * @param name    the user the server runs as
 * @param runuser the {@code runuser} program when the server runs as another user than the JVM
 */
public record OsUser(String name, Optional<Path> runuser) {

    /** The user PostgreSQL packages create, which a root JVM hands the server to. */
    public static final String POSTGRES = "postgres";

    /**
     * Chooses the user for a local server started from this JVM.
     *
     * @return the JVM's own user, or {@code postgres} when the JVM runs as root
     * @throws ProviderUnavailableException when running as root without a {@code postgres} user or
     *                                      {@code runuser}
     */
    public static OsUser forServer() throws ProviderUnavailableException {
        if (!isRoot()) {
            return new OsUser(System.getProperty("user.name"), Optional.empty());
        }
        Path runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")
                .map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new ProviderUnavailableException("the JVM runs as root, PostgreSQL refuses to,"
                        + " and there is no runuser program to hand the server to the postgres user",
                        "install util-linux (runuser), or run the tests as a user other than root"));
        try {
            lookup(POSTGRES);
        } catch (IOException e) {
            throw new ProviderUnavailableException("the JVM runs as root, PostgreSQL refuses to, and there is no"
                    + " 'postgres' OS user to run the server as",
                    "create it (useradd --system --home-dir /var/lib/postgresql postgres), or run the tests as a"
                            + " user other than root", e);
        }
        return new OsUser(POSTGRES, Optional.of(runuser));
    }

    /**
     * Returns whether this JVM runs as root.
     *
     * @return {@code true} for user id 0
     */
    public static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * Returns whether commands must be run as another user than the JVM's.
     *
     * @return {@code true} when {@link #runuser()} is present
     */
    public boolean switches() {
        return runuser.isPresent();
    }

    /**
     * Prefixes a command so that it runs as this user.
     *
     * @param command the program and its arguments
     * @return the command to give to {@link ProcessBuilder}
     */
    public List<String> command(List<String> command) {
        List<String> full = new ArrayList<>();
        runuser.ifPresent(r -> full.addAll(List.of(r.toString(), "-u", name, "--")));
        full.addAll(command);
        return full;
    }

    /**
     * Makes this user the owner of a path, when it is not the JVM's user.
     *
     * @param path the path
     * @throws IOException when the owner cannot be changed
     */
    public void own(Path path) throws IOException {
        if (switches()) {
            Files.setOwner(path, lookup(name));
        }
    }

    private static UserPrincipal lookup(String user) throws IOException {
        return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    }
}
