package dev.ms5.timescale.spring.boot.web;

import dev.ms5.timescale.monitoring.AccessLevel;
import dev.ms5.timescale.monitoring.AccessPolicy;
import dev.ms5.timescale.monitoring.Caller;
import java.util.Objects;

/**
 * The access levels from role names ({@code ms5.timescale.monitoring.admin-role} and {@code authenticated-role}):
 * a caller with the admin role is {@link AccessLevel#ADMIN}; an identified caller with the authenticated role,
 * or any identified caller when that role is empty, is {@link AccessLevel#AUTHENTICATED}; everyone else is
 * {@link AccessLevel#PUBLIC}, so an identified caller without the roles gets 403 and an anonymous one 401.
 */
public final class RoleAccessPolicy implements AccessPolicy {

    private final String adminRole;
    private final String authenticatedRole;

    /**
     * Creates the policy.
     *
     * @param adminRole         the operators' role, e.g. {@code ADMIN}
     * @param authenticatedRole the role that reads the authenticated endpoints; empty for every identified caller
     */
    public RoleAccessPolicy(String adminRole, String authenticatedRole) {
        this.adminRole = Objects.requireNonNull(adminRole, "adminRole");
        this.authenticatedRole = authenticatedRole == null ? "" : authenticatedRole;
    }

    @Override
    public AccessLevel levelOf(Caller caller) {
        if (!adminRole.isEmpty() && caller.roles().contains(adminRole)) {
            return AccessLevel.ADMIN;
        }
        if (caller.identity().isEmpty()) {
            return AccessLevel.PUBLIC;
        }
        return authenticatedRole.isEmpty() || caller.roles().contains(authenticatedRole) ? AccessLevel.AUTHENTICATED
                : AccessLevel.PUBLIC;
    }
}
