package dev.ms5.timescale.spring.boot.web;

import dev.ms5.timescale.monitoring.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller from Spring Security's {@link Authentication}: its name, and its authorities as roles, without the
 * {@code ROLE_} prefix ({@code ROLE_ADMIN} is the role {@code ADMIN}; {@code SCOPE_read} stays as it is).
 * Anonymous and unauthenticated callers are {@link Caller#anonymous()}.
 */
public final class SecurityCallerResolver implements MonitoringCallerResolver {

    private static final String ROLE_PREFIX = "ROLE_";

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @Override
    public Caller resolve(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !trust.isAuthenticated(authentication)) {
            return Caller.anonymous();
        }
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(Objects::nonNull)
                .map(a -> a.startsWith(ROLE_PREFIX) ? a.substring(ROLE_PREFIX.length()) : a)
                .collect(Collectors.toSet());
        return new Caller(Optional.of(authentication.getName()), roles);
    }
}
