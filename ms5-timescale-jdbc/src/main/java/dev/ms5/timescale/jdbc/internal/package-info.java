/**
 * The JDBC implementation: the provider, the admin, SQL helpers and the server's dialect.
 *
 * <p>Internal: no compatibility guarantee.
 */
package dev.ms5.timescale.jdbc.internal;
