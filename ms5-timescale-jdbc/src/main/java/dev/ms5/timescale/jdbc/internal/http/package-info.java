/**
 * Monitoring over HTTP: the nine endpoints as a plain function from request to response (routing, access levels,
 * audit, caching, the JSON of each answer, problem details), the OpenAPI document that describes them, and the
 * adapter for the JDK's built-in HTTP server.
 *
 * <p>Internal: no compatibility guarantee. The JSON field names are documented in the README and the OpenAPI
 * document; those are the contract, not these classes.
 */
package dev.ms5.timescale.jdbc.internal.http;
