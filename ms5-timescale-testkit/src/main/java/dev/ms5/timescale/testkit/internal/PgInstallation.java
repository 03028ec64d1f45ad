package dev.ms5.timescale.testkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL binaries and the library directory in which TimescaleDB must be installed.
 *
 * @param binDir the directory with {@code initdb}, {@code pg_ctl} and {@code postgres}
 * @param libDir the directory with {@code timescaledb.so}
 */
public record PgInstallation(Path binDir, Path libDir) {

    /**
     * Looks at one bin directory.
     *
     * @param binDir   the candidate
     * @param rejected where to record why the candidate does not serve, when it has PostgreSQL
     * @return the installation when it has PostgreSQL and TimescaleDB
     */
    static Optional<PgInstallation> at(Path binDir, List<String> rejected) {
        for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(binDir.resolve(tool))) {
                return Optional.empty();
            }
        }
        Path libDir = libDir(binDir);
        if (!Files.exists(libDir.resolve("timescaledb.so"))) {
            rejected.add("PostgreSQL at " + binDir + " has no TimescaleDB (no timescaledb.so in " + libDir + ")");
            return Optional.empty();
        }
        return Optional.of(new PgInstallation(binDir, libDir));
    }

    private static Path libDir(Path binDir) {
        Path pgConfig = binDir.resolve("pg_config");
        if (Files.isExecutable(pgConfig)) {
            try {
                Process process = new ProcessBuilder(pgConfig.toString(), "--pkglibdir")
                        .redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty()) {
                    return Path.of(out);
                }
            } catch (IOException e) {
                // Fall back to the layout below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Path nested = binDir.resolveSibling("lib").resolve("postgresql");
        return Files.isDirectory(nested) ? nested : binDir.resolveSibling("lib");
    }
}
