package dev.ms5.timescale.jdbc.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binder on a real database, scraped through a SimpleMeterRegistry: what TimescaleDB says, as gauges. */
@TimescaleTest
class TimescaleMetricsIT {

    @Test
    void gaugesShowTheHypertablesTheirCompressionAndTheHealth(TimescaleDatabase database) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE readings (ts timestamptz NOT NULL, device integer, v double precision)");
        }
        TimescaleAdmin admin = TimescaleAdmin.create(database.dataSource());
        PolicySpec.Builder spec = PolicySpec.builder("readings", "ts").chunkInterval(Duration.ofDays(1));
        if (database.edition() == TimescaleEdition.TIMESCALE) {
            spec.compression(PolicySpec.Compression.after(Duration.ofDays(30)).segmentBy("device"));
        }
        admin.applyPolicies(List.of(spec.build()));
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO readings SELECT now() - g * INTERVAL '1 day', g % 3, g FROM generate_series(0, 9) g");
        }
        if (database.edition() == TimescaleEdition.TIMESCALE) {
            admin.compressChunks("readings", Duration.ofDays(5));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TimescaleMetrics(admin, Duration.ofMinutes(5)).bindTo(registry);

        // The first scrape reads; the per-table series are registered by that read.
        double up = registry.get("timescaledb.health.status").tag("status", "UP").gauge().value();
        double chunks = registry.get("timescaledb.hypertable.chunks").tag("table", "public.readings").gauge().value();
        double compressed = registry.get("timescaledb.hypertable.chunks.compressed").tag("table", "public.readings")
                .gauge().value();

        HealthReport.Status status = admin.health().status();
        assertThat(registry.get("timescaledb.health.status").tag("status", status.name()).gauge().value())
                .isEqualTo(1.0);
        assertThat(up).isEqualTo(status == HealthReport.Status.UP ? 1.0 : 0.0);
        assertThat(chunks).isEqualTo(count(database, "SELECT count(*) FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'readings'"));
        assertThat(compressed).isEqualTo(count(database, "SELECT count(*) FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'readings' AND is_compressed"));
        if (database.edition() == TimescaleEdition.TIMESCALE) {
            assertThat(compressed).isPositive();
            assertThat(registry.get("timescaledb.compression.bytes.before").tag("table", "public.readings").gauge()
                    .value()).isPositive();
        }
        assertThat(registry.find("timescaledb.hypertable.size.bytes").gauges()).extracting(Gauge::value)
                .allSatisfy(v -> assertThat(v).isNotNegative());
    }

    private static double count(TimescaleDatabase database, String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
