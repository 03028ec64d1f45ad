package dev.ms5.timescale;

import java.util.Locale;

/**
 * The TimescaleDB edition a server runs, as its {@code timescaledb.license} setting tells.
 *
 * <p>The license is chosen when the server starts; it cannot be changed per database or per session.
 */
public enum TimescaleEdition {
    /**
     * The Apache-2 edition: hypertables, chunks, {@code drop_chunks}, size functions and views; no compression
     * and no background policies.
     */
    APACHE("apache"),
    /**
     * The Timescale-License (community) edition: everything of {@link #APACHE} plus compression (columnstore),
     * background policies and jobs.
     */
    TIMESCALE("timescale");

    private final String license;

    TimescaleEdition(String license) {
        this.license = license;
    }

    /**
     * Returns the value of {@code timescaledb.license} that selects this edition.
     *
     * @return {@code "apache"} or {@code "timescale"}
     */
    public String license() {
        return license;
    }

    /**
     * Returns whether this edition has compression, background policies and jobs.
     *
     * @return {@code true} for {@link #TIMESCALE}
     */
    public boolean hasPolicies() {
        return this == TIMESCALE;
    }

    /**
     * Returns the edition a {@code timescaledb.license} value selects.
     *
     * @param license the setting's value, e.g. {@code "apache"}
     * @return the edition
     * @throws InvalidArgumentException when the value is none of the known licenses
     */
    public static TimescaleEdition fromLicense(String license) {
        String value = license == null ? "" : license.trim().toLowerCase(Locale.ROOT);
        for (TimescaleEdition edition : values()) {
            if (edition.license.equals(value)) {
                return edition;
            }
        }
        throw new InvalidArgumentException("Unknown timescaledb.license value '" + license
                + "': expected 'apache' or 'timescale'");
    }
}
