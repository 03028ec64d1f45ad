/**
 * The JDBC implementation of the ms5-timescale API. Hosts use the API module for policies, health, statistics
 * and the monitoring endpoints, which finds this implementation through {@link java.util.ServiceLoader}. It
 * exports the bulk writer ({@link dev.ms5.timescale.jdbc.BulkWriter}), which hosts use directly, and the
 * optional Micrometer binder ({@code dev.ms5.timescale.jdbc.micrometer}), for hosts that have Micrometer.
 */
module dev.ms5.timescale.jdbc {
    requires transitive dev.ms5.timescale;
    requires transitive java.sql;
    requires jdk.httpserver;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires static jakarta.annotation;
    // Micrometer is optional, as in HikariCP: only TimescaleMetrics touches it. Its automatic module name.
    requires static micrometer.core;

    exports dev.ms5.timescale.jdbc;
    exports dev.ms5.timescale.jdbc.micrometer;

    provides dev.ms5.timescale.spi.TimescaleAdminProvider
            with dev.ms5.timescale.jdbc.internal.JdbcTimescaleAdminProvider;
}
