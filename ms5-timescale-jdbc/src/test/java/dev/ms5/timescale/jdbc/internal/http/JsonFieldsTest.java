package dev.ms5.timescale.jdbc.internal.http;

import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ADMIN;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The field names and encodings operators' tools read: snake_case, times and durations in ISO-8601, sizes in
 * bytes as numbers, absent values as null. The README's tables list the same names.
 */
class JsonFieldsTest {

    private final Endpoints endpoints = new Endpoints();

    @Test
    void database() {
        assertThat(endpoints.get("health/database", ADMIN).body()).isEqualTo("{\"database\":\"ms5\","
                + "\"postgres_version\":\"15.20\",\"size_bytes\":123456789012,\"connections\":7,"
                + "\"max_connections\":100,\"round_trip\":\"PT0.003S\"}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthReport() {
        Map<String, Object> report = body(endpoints.get("health/timescaledb", ADMIN));

        assertThat(report).containsOnlyKeys("status", "elapsed", "checks").containsEntry("status", "UP")
                .containsEntry("elapsed", "PT0.015S");
        List<Map<String, Object>> checks = (List<Map<String, Object>>) report.get("checks");
        assertThat(checks).extracting(c -> c.get("name")).containsExactly("connection", "jobs");
        assertThat(checks.get(1)).containsEntry("detail", "job 1001 (policy_retention on public.metric_hist) failed"
                + " 3 times in a row: \"boom\"\nsee job_errors").containsEntry("elapsed", "PT0.012S")
                .containsEntry("data", Map.of());
        assertThat((Map<String, Object>) checks.get(0).get("data")).containsExactly(
                Map.entry("round_trip_ms", BigDecimal.valueOf(3)), Map.entry("ratio", new BigDecimal("0.5")),
                Map.entry("exact", new BigDecimal("12.50")), Map.entry("server", "PostgreSQL 15.20"),
                Map.entry("reachable", true), Map.entry("failing_jobs", List.of(BigDecimal.valueOf(1001),
                        BigDecimal.valueOf(1002))), Map.entry("since", "2025-01-02T03:04:05Z"),
                Map.entry("schedule", "PT1H"));
    }

    @Test
    void timescaledbStatus() {
        assertThat(endpoints.get("status/timescaledb", ADMIN).body()).isEqualTo("{\"installed\":true,"
                + "\"version\":\"2.19.3\",\"newest_available\":\"2.28.3\",\"update_available\":true,"
                + "\"library_matches\":true,\"edition\":\"timescale\",\"status\":\"UP\"}");
        endpoints.admin.full(false);
        endpoints.advance(java.time.Duration.ofMinutes(1));
        assertThat(endpoints.get("status/timescaledb", ADMIN).body()).isEqualTo("{\"installed\":false,"
                + "\"version\":null,\"newest_available\":null,\"update_available\":false,"
                + "\"library_matches\":true,\"edition\":null,\"status\":\"UP\"}");
    }

    @Test
    void hypertables() {
        assertThat(endpoints.get("metrics/hypertables", ADMIN).body()).isEqualTo("{\"hypertables\":[{"
                + "\"table\":\"public.metric_hist\",\"schema\":\"public\",\"name\":\"metric_hist\","
                + "\"time_column\":\"ts\",\"chunk_interval\":\"PT1H\",\"integer_chunk_interval\":null,"
                + "\"chunks\":2160,\"compressed_chunks\":1992,\"table_bytes\":5000000000,"
                + "\"index_bytes\":700000000,\"toast_bytes\":8192,\"total_bytes\":5700008192,"
                + "\"sizes_estimated\":true,\"approximate_rows\":1000000000,\"compression_enabled\":true,"
                + "\"policies\":[\"compression after 7 days\",\"retention 90 days (paused)\"]}]}");
        endpoints.admin.full(false);
        endpoints.advance(java.time.Duration.ofMinutes(1));
        assertThat(body(endpoints.get("metrics/hypertables", ADMIN)).get("hypertables")).asList().first()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("table", "\"Counters\"").containsEntry("schema", null)
                .containsEntry("name", "Counters").containsEntry("chunk_interval", null)
                .containsEntry("integer_chunk_interval", BigDecimal.valueOf(1000));
    }

    @Test
    void compression() {
        assertThat(endpoints.get("metrics/compression", ADMIN).body()).isEqualTo("{\"hypertables\":[{"
                + "\"table\":\"public.metric_hist\",\"schema\":\"public\",\"name\":\"metric_hist\",\"enabled\":true,"
                + "\"chunks\":2160,\"compressed_chunks\":1992,\"bytes_before\":4000000000,\"bytes_after\":300000000,"
                + "\"percent_saved\":92.5,\"larger_than_before\":false,\"segment_by\":[\"metric_def_id\"],"
                + "\"order_by\":[\"ts DESC\"],\"chunks_with_other_settings\":3}]}");
    }

    @Test
    void chunks() {
        assertThat(endpoints.get("metrics/chunks", "table_name=metric_hist&limit=2&offset=4", ADMIN).body())
                .isEqualTo("{\"table\":\"metric_hist\",\"total\":2160,\"limit\":2,\"offset\":4,\"chunks\":["
                        + "{\"hypertable\":\"public.metric_hist\",\"chunk\":\"_timescaledb_internal._hyper_1_2_chunk\","
                        + "\"range_start\":\"2025-01-02T03:00:00Z\",\"range_end\":\"2025-01-02T04:00:00Z\","
                        + "\"compressed\":false,\"bytes\":24576},"
                        + "{\"hypertable\":\"public.metric_hist\",\"chunk\":\"_timescaledb_internal._hyper_1_1_chunk\","
                        + "\"range_start\":\"2025-01-02T02:00:00Z\",\"range_end\":\"2025-01-02T03:00:00Z\","
                        + "\"compressed\":true,\"bytes\":8192}]}");
    }

    @Test
    void configurationWithTheUrlMaskedAgain() {
        assertThat(endpoints.get("configuration", ADMIN).body()).isEqualTo("{\"database\":"
                + "\"jdbc:postgresql://db:5432/ms5?user=app&password=****\",\"settings\":{"
                + "\"TIMESCALEDB_COMPRESSION_ENABLED\":\"true\","
                + "\"TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST\":\"1 hour\"},"
                + "\"tables\":[{\"table\":\"public.metric_hist\",\"schema\":\"public\",\"name\":\"metric_hist\","
                + "\"declared\":{\"chunk_interval\":\"1 hour\"},\"in_place\":[\"hypertable on ts\"],"
                + "\"differences\":[\"chunk interval is 1 day, declared 1 hour\"],\"unsupported\":[],"
                + "\"failure\":\"the table is locked\"}]}");
    }
}
