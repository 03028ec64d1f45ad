package dev.ms5.timescale.jdbc.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.monitoring.MonitoringEndpoints;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringRequest;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The admin a host creates hands out these endpoints; nothing here needs the database. */
class AdminWiringTest {

    @Test
    void theJdbcAdminServesTheEndpoints() {
        MonitoringEndpoints endpoints = TimescaleAdmin.create(new PGSimpleDataSource())
                .monitoring(MonitoringOptions.defaults());

        assertThat(endpoints.handle(new MonitoringRequest("GET", "/api/v1/monitoring/openapi.json", null,
                Caller.anonymous())).body()).isEqualTo(endpoints.openApi()).startsWith("{\n  \"openapi\": \"3.0.3\"");
        assertThat(endpoints.handle(new MonitoringRequest("GET", "/api/v1/monitoring/configuration", "",
                Caller.anonymous())).status()).isEqualTo(401);
    }
}
