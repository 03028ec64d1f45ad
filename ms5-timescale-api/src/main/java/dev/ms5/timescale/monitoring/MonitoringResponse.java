package dev.ms5.timescale.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@link MonitoringRequest}: a status and a JSON body (errors as RFC 9457 problem details).
 *
 * @param status      the HTTP status
 * @param contentType e.g. {@code application/json} or {@code application/problem+json}
 * @param body        the body, UTF-8 text
 * @param headers     further headers to send (e.g. {@code WWW-Authenticate}, {@code Allow})
 */
public record MonitoringResponse(int status, String contentType, String body, Map<String, String> headers) {

    /**
     * Copies the map.
     *
     * @param status      the status
     * @param contentType the content type
     * @param body        the body
     * @param headers     the headers
     */
    public MonitoringResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
