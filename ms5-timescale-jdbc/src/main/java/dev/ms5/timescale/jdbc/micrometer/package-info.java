/**
 * Micrometer metrics of TimescaleDB: {@link dev.ms5.timescale.jdbc.micrometer.TimescaleMetrics}, a
 * {@code MeterBinder} the host registers. Micrometer is an optional dependency of this module: add
 * {@code io.micrometer:micrometer-core} to use this package; nothing else in the library needs it.
 */
package dev.ms5.timescale.jdbc.micrometer;
