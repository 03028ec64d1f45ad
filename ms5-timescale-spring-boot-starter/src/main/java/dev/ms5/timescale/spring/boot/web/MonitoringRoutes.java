package dev.ms5.timescale.spring.boot.web;

import dev.ms5.timescale.monitoring.MonitoringEndpoints;
import dev.ms5.timescale.monitoring.MonitoringRequest;
import dev.ms5.timescale.monitoring.MonitoringResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Mounts the monitoring endpoints at the seed's paths ({@code /api/v1/monitoring/...}) in Spring MVC: every
 * request under that prefix, whatever its method, goes to {@link MonitoringEndpoints#handle} with its raw path
 * and query and the caller the application's security established; the library checks the access level, answers
 * (problem details for errors, 405 for methods other than GET and HEAD) and audits.
 */
public final class MonitoringRoutes {

    /** The prefix of the endpoints. */
    public static final String PREFIX = "/api/v1/monitoring";

    private final MonitoringEndpoints endpoints;
    private final MonitoringCallerResolver callers;

    /**
     * Creates the routes.
     *
     * @param endpoints the endpoints
     * @param callers   who asks
     */
    public MonitoringRoutes(MonitoringEndpoints endpoints, MonitoringCallerResolver callers) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.callers = Objects.requireNonNull(callers, "callers");
    }

    /**
     * Returns the router function to register as a bean.
     *
     * @return the routes under {@link #PREFIX}
     */
    public RouterFunction<ServerResponse> routerFunction() {
        return RouterFunctions.route(RequestPredicates.path(PREFIX + "/**"), this::handle);
    }

    private ServerResponse handle(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        String path = servlet.getRequestURI().substring(servlet.getContextPath().length());
        MonitoringResponse answer = endpoints.handle(new MonitoringRequest(servlet.getMethod(), path,
                servlet.getQueryString(), callers.resolve(servlet)));
        ServerResponse.BodyBuilder reply = ServerResponse.status(answer.status())
                .contentType(MediaType.parseMediaType(answer.contentType() + ";charset=UTF-8"));
        answer.headers().forEach((name, value) -> reply.header(name, value));
        return "HEAD".equals(servlet.getMethod()) ? reply.build() : reply.body(answer.body());
    }
}
