/**
 * Manual chunk operations: compress, decompress and drop chunks now, and retention enforced by the library.
 *
 * <p>Internal: no compatibility guarantee.
 */
package dev.ms5.timescale.jdbc.internal.chunks;
