package dev.ms5.timescale.monitoring;

import java.util.Objects;

/**
 * Decides what a caller may read: the SPI through which a host maps its own security (roles, scopes) to the
 * endpoints' access levels. Without identity, a caller asking for more than {@link AccessLevel#PUBLIC} gets 401;
 * with an identity but too low a level, 403.
 */
@FunctionalInterface
public interface AccessPolicy {

    /**
     * Returns the level of a caller.
     *
     * @param caller the caller
     * @return its level
     */
    AccessLevel levelOf(Caller caller);

    /**
     * Returns the default policy: every caller is {@link AccessLevel#PUBLIC}, so only the overall status and
     * the OpenAPI document are served.
     *
     * @return the policy
     */
    static AccessPolicy denyAll() {
        return caller -> AccessLevel.PUBLIC;
    }

    /**
     * Returns a policy by role: a caller with {@code adminRole} is {@link AccessLevel#ADMIN}, any other caller
     * with an identity is {@link AccessLevel#AUTHENTICATED}, an anonymous one {@link AccessLevel#PUBLIC}.
     *
     * @param adminRole the role of operators, e.g. {@code admin}
     * @return the policy
     */
    static AccessPolicy byRole(String adminRole) {
        Objects.requireNonNull(adminRole, "adminRole");
        return caller -> caller.roles().contains(adminRole) ? AccessLevel.ADMIN
                : caller.identity().isPresent() ? AccessLevel.AUTHENTICATED : AccessLevel.PUBLIC;
    }
}
