/**
 * The ms5-timescale API: plain JDK types through which a host application declares and applies TimescaleDB
 * policies and reads health. The implementation is found through {@link java.util.ServiceLoader}.
 */
module dev.ms5.timescale {
    requires static jakarta.annotation;
    requires transitive java.sql;

    exports dev.ms5.timescale;
    exports dev.ms5.timescale.monitoring;
    exports dev.ms5.timescale.spi;

    uses dev.ms5.timescale.spi.TimescaleAdminProvider;
}
