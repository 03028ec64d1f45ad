/**
 * How the testkit finds a TimescaleDB server: an existing one, Docker, or local binaries. Internal: no
 * compatibility guarantee; use {@link dev.ms5.timescale.testkit.TimescaleTest} and
 * {@link dev.ms5.timescale.testkit.SharedTimescale} instead.
 */
package dev.ms5.timescale.testkit.internal;
