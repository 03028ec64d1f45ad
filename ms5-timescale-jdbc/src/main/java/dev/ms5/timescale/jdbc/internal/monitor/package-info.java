/**
 * Monitoring: the health check.
 *
 * <p>Internal: no compatibility guarantee.
 */
package dev.ms5.timescale.jdbc.internal.monitor;
