/**
 * The bulk writer's machinery: the catalog check of the target table, row validation, the binary COPY encoder
 * and the batches sent by COPY or by multi-row INSERT, each in a transaction of its own.
 *
 * <p>Internal: no compatibility guarantee.
 */
package dev.ms5.timescale.jdbc.internal.ingest;
