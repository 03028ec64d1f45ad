/**
 * What operators read: statistics of the extension, hypertables, compression, chunks, jobs and configuration
 * ({@link dev.ms5.timescale.monitoring.TimescaleStatistics}), and the framework-neutral monitoring endpoints
 * ({@link dev.ms5.timescale.monitoring.MonitoringEndpoints}) with access levels and audit, which a host mounts in
 * its own HTTP stack or serves with the JDK's built-in server.
 */
package dev.ms5.timescale.monitoring;
