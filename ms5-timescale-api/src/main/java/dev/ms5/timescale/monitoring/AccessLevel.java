package dev.ms5.timescale.monitoring;

/** What a caller may read, from least to most. */
public enum AccessLevel {
    /** Anyone: the overall health status and the OpenAPI document, nothing else. */
    PUBLIC,
    /** A known caller: the extension's status (installed, version, edition). */
    AUTHENTICATED,
    /** An operator: everything (health details, statistics, chunks, configuration). */
    ADMIN;

    /**
     * Returns whether this level includes another.
     *
     * @param needed the level an endpoint needs
     * @return {@code true} when this level is the same or higher
     */
    public boolean allows(AccessLevel needed) {
        return compareTo(needed) >= 0;
    }
}
