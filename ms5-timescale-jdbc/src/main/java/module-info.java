/**
 * The JDBC implementation of the ms5-timescale API. Hosts use the API module, which finds this implementation
 * through {@link java.util.ServiceLoader}; the only package it exports is the optional Micrometer binder
 * ({@code dev.ms5.timescale.jdbc.micrometer}), for hosts that have Micrometer.
 */
module dev.ms5.timescale.jdbc {
    requires dev.ms5.timescale;
    requires java.sql;
    requires jdk.httpserver;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires static jakarta.annotation;
    // Micrometer is optional, as in HikariCP: only TimescaleMetrics touches it. Its automatic module name.
    requires static micrometer.core;

    exports dev.ms5.timescale.jdbc.micrometer;

    provides dev.ms5.timescale.spi.TimescaleAdminProvider
            with dev.ms5.timescale.jdbc.internal.JdbcTimescaleAdminProvider;
}
