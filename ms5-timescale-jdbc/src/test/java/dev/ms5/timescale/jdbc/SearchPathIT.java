package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A host whose connections have a search_path without the extension's schema (the seed's tables live in
 * {@code factory_telemetry}, and a host may set {@code currentSchema=factory_telemetry}): every TimescaleDB
 * function the library calls is qualified with the extension's schema, so policies, chunk operations and health
 * work all the same.
 */
@TimescaleTest
class SearchPathIT {

    @Test
    void policiesApplyWhenTheExtensionsSchemaIsNotOnTheSearchPath(TimescaleDatabase database) throws Exception {
        Db.execute(database.dataSource(), "CREATE SCHEMA factory_telemetry",
                "CREATE TABLE factory_telemetry.readings (ts timestamptz NOT NULL, device integer, v double precision)");
        PGSimpleDataSource onlyFactory = new PGSimpleDataSource();
        onlyFactory.setURL(database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?")
                + "currentSchema=factory_telemetry");
        PolicySpec.Builder spec = PolicySpec.builder("readings", "ts").chunkInterval(Duration.ofDays(1))
                .retention(Duration.ofDays(90));
        if (database.edition() == TimescaleEdition.TIMESCALE) {
            spec.compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device"));
        }
        TimescaleAdmin admin = TimescaleAdmin.create(onlyFactory);

        ApplyReport report = admin.applyPolicies(List.of(spec.build()));
        boolean converged = admin.plan(List.of(spec.build())).converged();
        // The policies' own jobs would race the chunk operations below.
        Db.quiesceJobs(database.dataSource());
        Db.execute(database.dataSource(), "INSERT INTO factory_telemetry.readings SELECT now() - g * INTERVAL '1 day',"
                + " g % 3, g FROM generate_series(0, 40) g");

        assertThat(report.failed()).isEmpty();
        assertThat(Db.single(database.dataSource(), "SELECT hypertable_schema FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = 'readings'")).isEqualTo("factory_telemetry");
        assertThat(converged).isTrue();
        assertThat(admin.dropChunks("readings", Duration.ofDays(35)).chunks()).isNotEmpty();
        if (database.edition() == TimescaleEdition.TIMESCALE) {
            assertThat(admin.compressChunks("readings", Duration.ofDays(7)).chunks()).isNotEmpty();
        }
        assertThat(admin.health().status()).isNotEqualTo(HealthReport.Status.DOWN);
        assertThat(admin.statistics().hypertablesExact()).extracting(t -> t.table().toString())
                .contains("factory_telemetry.readings");
    }
}
