package dev.ms5.timescale.jdbc.internal.http;

import dev.ms5.timescale.jdbc.internal.Json;
import dev.ms5.timescale.monitoring.AccessLevel;
import dev.ms5.timescale.monitoring.MonitoringResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The answers: JSON bodies, and errors as RFC 9457 problem details ({@code type}, {@code title}, {@code status},
 * {@code detail}) whose detail says what failed and what to do, and never holds SQL or credentials.
 */
final class Responses {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String TYPES = "https://ms5.dev/problems/";
    /** What a method-not-allowed answer lists: HEAD is GET without the body. */
    static final String ALLOW = "GET, HEAD";

    private static final int MAX_DETAIL = 500;

    private Responses() {
    }

    /** A JSON answer; monitoring data is never to be kept by browsers or proxies. */
    static MonitoringResponse json(int status, Object body) {
        return new MonitoringResponse(status, JSON, Json.write(body), Map.of("Cache-Control", "no-store"));
    }

    static MonitoringResponse badRequest(String detail) {
        return problem(400, "bad-request", "Bad request", detail, Map.of());
    }

    static MonitoringResponse unauthorized(AccessLevel needed) {
        return problem(401, "unauthorized", "Authentication required", "This endpoint needs the "
                + level(needed) + " level and the request has no identity; send the credentials the host expects,"
                + " e.g. Authorization: Bearer <token>", Map.of("WWW-Authenticate", "Bearer"));
    }

    static MonitoringResponse forbidden(AccessLevel needed, AccessLevel has) {
        return problem(403, "forbidden", "Forbidden", "This endpoint needs the " + level(needed) + " level; the"
                + " caller has the " + level(has) + " level. Fix: give the caller the role that the host's"
                + " AccessPolicy maps to " + level(needed), Map.of());
    }

    static MonitoringResponse notFound() {
        return problem(404, "not-found", "Not found", "No monitoring endpoint has this path; the endpoints are"
                + " listed in " + Route.OPENAPI.path(), Map.of());
    }

    static MonitoringResponse tableNotFound(String detail) {
        return problem(404, "table-not-found", "Hypertable not found", shorten(detail) + ". The hypertables are"
                + " listed at " + Route.HYPERTABLES.path(), Map.of());
    }

    static MonitoringResponse methodNotAllowed(String method) {
        return problem(405, "method-not-allowed", "Method not allowed", "The monitoring endpoints answer GET"
                + " and HEAD only, not " + shorten(method, 20), Map.of("Allow", ALLOW));
    }

    /**
     * The database could not be read. Only an operator is told why: the message of the library's own exception
     * (first line, credentials masked), written for operators; other callers learn where an operator looks.
     */
    static MonitoringResponse unavailable(String message, boolean showMessage) {
        String detail = showMessage ? "The database could not be read: " + shorten(dev.ms5.timescale.jdbc.internal.Secrets.mask(message))
                : "The database could not be read; an operator sees why at " + Route.HEALTH_TIMESCALEDB.path();
        return problem(503, "database-unavailable", "Database unavailable", detail, Map.of());
    }

    static MonitoringResponse internalError() {
        return problem(500, "internal-error", "Internal error", "The monitoring endpoint failed unexpectedly;"
                + " the host's log has the error (logger " + Responses.class.getPackageName() + ")", Map.of());
    }

    private static MonitoringResponse problem(int status, String type, String title, String detail,
                                              Map<String, String> extraHeaders) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPES + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Cache-Control", "no-store");
        return new MonitoringResponse(status, PROBLEM_JSON, Json.write(body), headers);
    }

    private static String level(AccessLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String text) {
        return shorten(text, MAX_DETAIL);
    }

    private static String shorten(String text, int max) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }
}
