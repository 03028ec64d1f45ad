package dev.ms5.timescale.jdbc.micrometer;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.HypertableStats;
import dev.ms5.timescale.monitoring.JobStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the gauges show, as last read: keyed by what tells a gauge's series apart (the table; for a job its id,
 * kind and table, so a job whose table changes becomes a new series).
 *
 * @param health      the overall health status, once read
 * @param hypertables by table
 * @param compression by table
 * @param jobs        by {@link #jobKey}
 */
record Snapshot(Optional<HealthReport.Status> health, Map<String, HypertableStats> hypertables,
                Map<String, CompressionStats> compression, Map<String, JobStats> jobs) {

    static final Snapshot NONE = new Snapshot(Optional.empty(), Map.of(), Map.of(), Map.of());

    /** The tag value of a job without a hypertable. */
    static final String NO_TABLE = "none";

    static Map<String, HypertableStats> byTable(List<HypertableStats> tables) {
        return index(tables, t -> t.table().toString());
    }

    static Map<String, CompressionStats> byCompressedTable(List<CompressionStats> tables) {
        return index(tables, t -> t.table().toString());
    }

    static Map<String, JobStats> byJob(List<JobStats> jobs) {
        return index(jobs, Snapshot::jobKey);
    }

    static String jobKey(JobStats job) {
        return job.id() + "|" + kind(job) + "|" + table(job);
    }

    static String kind(JobStats job) {
        return job.kind().name().toLowerCase(Locale.ROOT);
    }

    static String table(JobStats job) {
        return job.table().map(TableName::toString).orElse(NO_TABLE);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> out = new LinkedHashMap<>();
        items.forEach(item -> out.put(key.apply(item), item));
        return java.util.Collections.unmodifiableMap(out);
    }
}
