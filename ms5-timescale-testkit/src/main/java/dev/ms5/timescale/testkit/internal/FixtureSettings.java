package dev.ms5.timescale.testkit.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The fixture's settings, each from a system property or else an environment variable.
 *
 * @param url               {@code ms5.timescale.url} / {@code MS5_TIMESCALE_URL}: an existing server
 * @param apacheUrl         {@code ms5.timescale.apache-url} / {@code MS5_TIMESCALE_APACHE_URL}: an existing
 *                          server running with {@code timescaledb.license=apache}
 * @param extensionVersion  {@code ms5.timescale.extension-version} / {@code MS5_TIMESCALE_EXTENSION_VERSION}
 * @param image             {@code ms5.timescale.image} / {@code MS5_TIMESCALE_IMAGE}: the Docker image
 * @param pgBin             {@code ms5.timescale.pg-bin} / {@code MS5_TIMESCALE_PG_BIN}: local binaries
 * @param requireFullEdition {@code ms5.timescale.require-full-edition} /
 *                          {@code MS5_TIMESCALE_REQUIRE_FULL_EDITION}: when true, a test that needs the
 *                          Timescale-License edition fails instead of being skipped where it is missing (for runs
 *                          where the full edition is known to be installed)
 */
public record FixtureSettings(Optional<String> url, Optional<String> apacheUrl, Optional<String> extensionVersion,
                              String image, Optional<Path> pgBin, boolean requireFullEdition) {

    /** The Docker image used when none is configured: the full edition on PostgreSQL 17. */
    public static final String DEFAULT_IMAGE = "timescale/timescaledb:2.17.2-pg17";

    /**
     * Reads the settings from system properties, then environment variables.
     *
     * @return the settings of this JVM
     */
    public static FixtureSettings fromEnvironment() {
        return from(System.getenv(), System.getProperties().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()),
                        e -> String.valueOf(e.getValue()))));
    }

    /**
     * Reads the settings from the given maps; a system property wins over its environment variable.
     *
     * @param env        environment variables
     * @param properties system properties
     * @return the settings
     */
    public static FixtureSettings from(Map<String, String> env, Map<String, String> properties) {
        Lookup lookup = new Lookup(env, properties);
        return new FixtureSettings(
                lookup.get("ms5.timescale.url", "MS5_TIMESCALE_URL"),
                lookup.get("ms5.timescale.apache-url", "MS5_TIMESCALE_APACHE_URL"),
                lookup.get("ms5.timescale.extension-version", "MS5_TIMESCALE_EXTENSION_VERSION"),
                lookup.get("ms5.timescale.image", "MS5_TIMESCALE_IMAGE").orElse(DEFAULT_IMAGE),
                lookup.get("ms5.timescale.pg-bin", "MS5_TIMESCALE_PG_BIN").map(Path::of),
                lookup.get("ms5.timescale.require-full-edition", "MS5_TIMESCALE_REQUIRE_FULL_EDITION")
                        .map(v -> v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"))
                        .orElse(false));
    }

    private record Lookup(Map<String, String> env, Map<String, String> properties) {
        Optional<String> get(String property, String variable) {
            String value = properties.get(property);
            if (value == null || value.isBlank()) {
                value = env.get(variable);
            }
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }
    }
}
