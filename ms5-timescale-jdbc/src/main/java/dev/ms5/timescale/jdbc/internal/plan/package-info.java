/**
 * Policy planning: reading a table's state from the catalog and comparing it with its spec.
 *
 * <p>Internal: no compatibility guarantee.
 */
package dev.ms5.timescale.jdbc.internal.plan;
