package dev.ms5.timescale.monitoring;

import java.net.InetSocketAddress;

/**
 * The eight monitoring endpoints of the seed application (and their OpenAPI document), framework-neutral: a {@link MonitoringRequest} in, a
 * {@link MonitoringResponse} out, so that Spring, Jakarta REST, Javalin or Vert.x mount them in a few lines; and
 * {@link #serve} for the JDK's built-in HTTP server. Obtained from {@code TimescaleAdmin.monitoring(options)};
 * thread-safe.
 *
 * <table>
 *     <caption>The endpoints</caption>
 *     <tr><th>path</th><th>level</th><th>content</th></tr>
 *     <tr><td>GET /api/v1/monitoring/health</td><td>public</td><td>overall status only</td></tr>
 *     <tr><td>GET /api/v1/monitoring/health/database</td><td>admin</td><td>size, connections, version,
 *     latency</td></tr>
 *     <tr><td>GET /api/v1/monitoring/health/timescaledb</td><td>admin</td><td>the full health report</td></tr>
 *     <tr><td>GET /api/v1/monitoring/status/timescaledb</td><td>authenticated</td><td>installed, version, edition,
 *     status</td></tr>
 *     <tr><td>GET /api/v1/monitoring/metrics/hypertables</td><td>admin</td><td>hypertable statistics</td></tr>
 *     <tr><td>GET /api/v1/monitoring/metrics/compression</td><td>admin</td><td>compression statistics</td></tr>
 *     <tr><td>GET /api/v1/monitoring/metrics/chunks?table_name=&amp;limit=&amp;offset=</td><td>admin</td><td>chunk
 *     details</td></tr>
 *     <tr><td>GET /api/v1/monitoring/configuration</td><td>admin</td><td>configuration vs database, secrets
 *     masked</td></tr>
 *     <tr><td>GET /api/v1/monitoring/openapi.json</td><td>public</td><td>the OpenAPI 3 document of these</td></tr>
 * </table>
 */
public interface MonitoringEndpoints {

    /**
     * Answers a request. Never throws: bad requests, denials and database failures are answered with their
     * status and a problem-details body; each request is audited.
     *
     * @param request the request
     * @return the response
     */
    MonitoringResponse handle(MonitoringRequest request);

    /**
     * Serves the endpoints with the JDK's built-in HTTP server ({@code com.sun.net.httpserver}).
     *
     * @param address where to listen, e.g. {@code new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)}
     * @return the running server
     * @throws java.io.UncheckedIOException when the address cannot be bound
     * @throws dev.ms5.timescale.InvalidArgumentException when the address is null
     */
    MonitoringServer serve(InetSocketAddress address);

    /**
     * Returns the OpenAPI 3 document of the endpoints.
     *
     * @return the document, as JSON
     */
    String openApi();
}
