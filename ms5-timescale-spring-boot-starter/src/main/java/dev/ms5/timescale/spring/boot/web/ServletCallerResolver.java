package dev.ms5.timescale.spring.boot.web;

import dev.ms5.timescale.monitoring.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caller from the servlet container's security, where Spring Security is absent: the request's principal,
 * and of the configured role names those the request is in ({@link HttpServletRequest#isUserInRole}).
 */
public final class ServletCallerResolver implements MonitoringCallerResolver {

    private final List<String> roles;

    /**
     * Creates the resolver.
     *
     * @param roles the role names to ask the container about, e.g. the admin and authenticated roles
     */
    public ServletCallerResolver(List<String> roles) {
        this.roles = roles.stream().filter(r -> r != null && !r.isBlank()).toList();
    }

    @Override
    public Caller resolve(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return Caller.anonymous();
        }
        Set<String> held = roles.stream().filter(request::isUserInRole).collect(Collectors.toSet());
        return new Caller(Optional.of(principal.getName()), held);
    }
}
