package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.monitoring.AccessLevel;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.spring.boot.web.RoleAccessPolicy;
import dev.ms5.timescale.spring.boot.web.SecurityCallerResolver;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Callers from Spring Security, and their access levels from role names. */
class AccessTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anAuthenticatedCallerHasItsNameAndItsAuthoritiesAsRoles() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "ops", "n/a", AuthorityUtils.createAuthorityList("ROLE_ADMIN", "SCOPE_read")));

        assertThat(new SecurityCallerResolver().resolve(new MockHttpServletRequest()))
                .isEqualTo(new Caller(Optional.of("ops"), Set.of("ADMIN", "SCOPE_read")));
    }

    @Test
    void anonymousAndMissingAuthenticationsAreAnonymous() {
        assertThat(new SecurityCallerResolver().resolve(new MockHttpServletRequest())).isEqualTo(Caller.anonymous());
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        assertThat(new SecurityCallerResolver().resolve(new MockHttpServletRequest())).isEqualTo(Caller.anonymous());
    }

    @Test
    void rolesGiveLevels() {
        RoleAccessPolicy anyone = new RoleAccessPolicy("ADMIN", "");
        assertThat(anyone.levelOf(Caller.of("ops", "ADMIN"))).isEqualTo(AccessLevel.ADMIN);
        assertThat(anyone.levelOf(Caller.of("user", "USER"))).isEqualTo(AccessLevel.AUTHENTICATED);
        assertThat(anyone.levelOf(Caller.anonymous())).isEqualTo(AccessLevel.PUBLIC);

        RoleAccessPolicy viewers = new RoleAccessPolicy("ADMIN", "VIEWER");
        assertThat(viewers.levelOf(Caller.of("v", "VIEWER"))).isEqualTo(AccessLevel.AUTHENTICATED);
        assertThat(viewers.levelOf(Caller.of("user", "USER"))).isEqualTo(AccessLevel.PUBLIC);
        assertThat(viewers.levelOf(Caller.of("ops", "ADMIN")))
                .isEqualTo(AccessLevel.ADMIN);
    }
}
