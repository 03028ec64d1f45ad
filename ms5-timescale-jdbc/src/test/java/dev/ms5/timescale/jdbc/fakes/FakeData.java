package dev.ms5.timescale.jdbc.fakes;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.monitoring.ChunkInfo;
import dev.ms5.timescale.monitoring.ChunkPage;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.ConfigurationReport;
import dev.ms5.timescale.monitoring.DatabaseInfo;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import dev.ms5.timescale.monitoring.HypertableStats;
import dev.ms5.timescale.monitoring.JobStats;
import dev.ms5.timescale.monitoring.RelationSizes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Statistics and health as the database would give them, in two variants: {@code full}, where every optional
 * part is present, and sparse, where every optional part is empty (and nullable strings are null).
 */
public final class FakeData {

    /** When the fake jobs last succeeded. */
    public static final Instant LAST_SUCCESS = Instant.parse("2025-01-02T03:04:05Z");

    public static final TableName METRIC_HIST = new TableName(Optional.of("public"), "metric_hist");
    public static final TableName COUNTERS = new TableName(Optional.empty(), "Counters");

    private FakeData() {
    }

    public static HealthReport health(Status status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("round_trip_ms", 3L);
        data.put("ratio", 0.5);
        data.put("exact", new BigDecimal("12.50"));
        data.put("server", "PostgreSQL 15.20");
        data.put("reachable", true);
        data.put("failing_jobs", List.of(1001, 1002));
        data.put("since", LAST_SUCCESS);
        data.put("schedule", Duration.ofHours(1));
        return new HealthReport(status, List.of(
                new HealthReport.Check("connection", Status.UP, "round trip 3 ms", Duration.ofMillis(3), data),
                new HealthReport.Check("jobs", status, "job 1001 (policy_retention on public.metric_hist) failed 3"
                        + " times in a row: \"boom\"\nsee job_errors", Duration.ofMillis(12), Map.of())),
                Duration.ofMillis(15));
    }

    public static DatabaseInfo database() {
        return new DatabaseInfo("ms5", "15.20", 123_456_789_012L, 7, 100, Duration.ofMillis(3));
    }

    public static ExtensionInfo extension(boolean full) {
        return full ? new ExtensionInfo("ms5", "15.20", Optional.of("2.19.3"), Optional.of("2.28.3"),
                Optional.of("2.19.3"), Optional.of(TimescaleEdition.TIMESCALE), 16, 27, 5, true)
                : new ExtensionInfo("ms5", "15.20", Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), 0, 8, 0, false);
    }

    public static List<HypertableStats> hypertables(boolean full) {
        return full ? List.of(new HypertableStats(METRIC_HIST, "ts", Optional.of(Duration.ofHours(1)),
                Optional.empty(), 2160, 1992, new RelationSizes(5_000_000_000L, 700_000_000L, 8192, true),
                1_000_000_000L, true, List.of("compression after 7 days", "retention 90 days (paused)")))
                : List.of(new HypertableStats(COUNTERS, "n", Optional.empty(), Optional.of(1000L), 0, 0,
                        new RelationSizes(0, 0, 0, false), 0, false, List.of()));
    }

    public static List<CompressionStats> compression(boolean full) {
        return full ? List.of(new CompressionStats(METRIC_HIST, true, 2160, 1992, 4_000_000_000L, 300_000_000L,
                List.of("metric_def_id"), List.of("ts DESC"), 3))
                : List.of(new CompressionStats(COUNTERS, false, 0, 0, 0, 0, List.of(), List.of(), 0));
    }

    public static ChunkPage chunks(Optional<TableName> table, int limit, int offset, boolean full) {
        List<ChunkInfo> chunks = full ? List.of(
                new ChunkInfo(METRIC_HIST, "_timescaledb_internal._hyper_1_2_chunk", "2025-01-02T03:00:00Z",
                        "2025-01-02T04:00:00Z", false, 24_576),
                new ChunkInfo(METRIC_HIST, "_timescaledb_internal._hyper_1_1_chunk", "2025-01-02T02:00:00Z",
                        "2025-01-02T03:00:00Z", true, 8192))
                : List.of(new ChunkInfo(COUNTERS, "_timescaledb_internal._hyper_2_3_chunk", null, null, false, 0));
        return new ChunkPage(table, chunks, full ? 2160 : 1, limit, offset);
    }

    public static List<JobStats> jobs(boolean full) {
        JobStats retention = new JobStats(1001, "Retention Policy [1001]", JobStats.Kind.RETENTION,
                Optional.of(METRIC_HIST), Duration.ofDays(1), true, Optional.of("Failed"),
                Optional.of(LAST_SUCCESS.plusSeconds(3600)), Optional.of(LAST_SUCCESS), Optional.of(LAST_SUCCESS
                .plusSeconds(7200)), 10, 3, 3, List.of(new JobStats.JobError(Optional.of(LAST_SUCCESS), "XX000",
                "boom")), true);
        JobStats history = new JobStats(3, "Job History Log Retention Policy [3]", JobStats.Kind.JOB_HISTORY_RETENTION,
                Optional.empty(), Duration.ofDays(30), true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 0, 0, List.of(), false);
        return full ? List.of(retention, history) : List.of(history);
    }

    public static ConfigurationReport configuration(boolean full) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("TIMESCALEDB_COMPRESSION_ENABLED", "true");
        settings.put("TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST", "1 hour");
        return full ? new ConfigurationReport(Optional.of("jdbc:postgresql://db:5432/ms5?user=app&password=***"),
                settings, List.of(new ConfigurationReport.TableConfiguration(METRIC_HIST,
                        Map.of("chunk_interval", "1 hour"), List.of("hypertable on ts"),
                        List.of("chunk interval is 1 day, declared 1 hour"), List.of(),
                        Optional.of("the table is locked"))))
                : new ConfigurationReport(Optional.empty(), Map.of(), List.of(new ConfigurationReport
                        .TableConfiguration(COUNTERS, Map.of(), List.of(), List.of(), List.of("compression: the"
                        + " Apache edition has none"), Optional.empty())));
    }
}
