package dev.ms5.timescale.monitoring;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who asks, as the host's security established it.
 *
 * @param identity the caller's name or id, empty when anonymous
 * @param roles    the caller's roles, as the host names them
 */
public record Caller(Optional<String> identity, Set<String> roles) {

    /**
     * Copies the set.
     *
     * @param identity the identity
     * @param roles    the roles
     */
    public Caller {
        Objects.requireNonNull(identity, "identity");
        roles = Set.copyOf(roles);
    }

    /**
     * Returns the anonymous caller.
     *
     * @return a caller with no identity and no roles
     */
    public static Caller anonymous() {
        return new Caller(Optional.empty(), Set.of());
    }

    /**
     * Returns a known caller.
     *
     * @param identity the caller's name or id
     * @param roles    the caller's roles
     * @return the caller
     */
    public static Caller of(String identity, String... roles) {
        return new Caller(Optional.of(identity), Set.of(roles));
    }
}
