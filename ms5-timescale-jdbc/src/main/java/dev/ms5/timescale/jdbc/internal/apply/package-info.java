/**
 * Policy application: one transaction per table under an advisory lock, with bounded timeouts.
 *
 * <p>Internal: no compatibility guarantee.
 */
package dev.ms5.timescale.jdbc.internal.apply;
