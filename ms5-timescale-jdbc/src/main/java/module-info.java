/**
 * The JDBC implementation of the ms5-timescale API. Hosts use the API module for policies and health, which
 * finds this implementation through {@link java.util.ServiceLoader}; the one package exported here is the bulk
 * writer ({@link dev.ms5.timescale.jdbc.BulkWriter}), which hosts use directly.
 */
module dev.ms5.timescale.jdbc {
    requires transitive dev.ms5.timescale;
    requires transitive java.sql;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires static jakarta.annotation;

    exports dev.ms5.timescale.jdbc;

    provides dev.ms5.timescale.spi.TimescaleAdminProvider
            with dev.ms5.timescale.jdbc.internal.JdbcTimescaleAdminProvider;
}
