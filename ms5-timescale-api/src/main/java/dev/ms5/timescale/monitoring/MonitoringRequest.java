package dev.ms5.timescale.monitoring;

import java.util.Objects;

/**
 * A request to the monitoring endpoints, as any HTTP framework can build it.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param path   the path, e.g. {@code /api/v1/monitoring/metrics/chunks}
 * @param query  the raw query string without {@code ?}, e.g. {@code table_name=metric_hist&limit=50}; empty when
 *               none
 * @param caller who asks, as the host's security established it
 */
public record MonitoringRequest(String method, String path, String query, Caller caller) {

    /**
     * Checks the parts.
     *
     * @param method the method
     * @param path   the path
     * @param query  the query
     * @param caller the caller
     */
    public MonitoringRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        Objects.requireNonNull(caller, "caller");
    }
}
