/**
 * The JDBC implementation of the ms5-timescale API. It exports nothing: hosts use the API module, which finds
 * this implementation through {@link java.util.ServiceLoader}.
 */
module dev.ms5.timescale.jdbc {
    requires dev.ms5.timescale;
    requires java.sql;
    requires jdk.httpserver;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires static jakarta.annotation;

    provides dev.ms5.timescale.spi.TimescaleAdminProvider
            with dev.ms5.timescale.jdbc.internal.JdbcTimescaleAdminProvider;
}
