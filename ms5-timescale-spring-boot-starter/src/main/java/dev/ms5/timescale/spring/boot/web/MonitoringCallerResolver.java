package dev.ms5.timescale.spring.boot.web;

import dev.ms5.timescale.monitoring.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells who sends a request to the monitoring endpoints, as the application's security established it. The
 * starter's default reads Spring Security's {@code Authentication} when Spring Security is present (its name,
 * and its authorities without the {@code ROLE_} prefix as roles), else the servlet request's principal and
 * {@code isUserInRole} for the configured role names. Define a bean of this type to decide otherwise.
 */
@FunctionalInterface
public interface MonitoringCallerResolver {

    /**
     * Resolves the caller of a request.
     *
     * @param request the request
     * @return the caller, {@link Caller#anonymous()} when unknown
     */
    Caller resolve(HttpServletRequest request);
}
